"""kiosk.printers.escpos: the bytes of a slip (python-escpos' Dummy printer), the paper and
cover sensors, and a network printer's short timeouts (a fake printer on a local socket)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from escpos.printer import Dummy

from kiosk.config import EscposDevice
from kiosk.printers import PrinterReason, PrintFailed
from kiosk.printers.escpos import EscposPrinter, _open_device, setup_problem
from tests.escpos_support import printed_lines, wrapped_run

LINK = "https://example.invalid/ticket/0b6f3f1e-1111-4222-8333-944455556666"
ESC_T = b"\x1bt"  # select character code table
QR_STORE = b"\x1d(k"  # GS ( k: the printer's own 2D code commands
CUT = b"\x1dV"
PAPER_OK, PAPER_OUT = 0x12, 0x72  # DLE EOT 4 answers: rolls present / roll end
CAUSE_NONE, CAUSE_COVER = 0x12, 0x16  # DLE EOT 2 answers


@dataclass(frozen=True)
class Slip:
    job_id: str = "0b6f3f1e-1111-4222-8333-944455556666"
    centre_name: str = "Центр госуслуг района Тверской"
    caption: str = "Ваш номер"
    number: str = "П017"
    service: str = "Выписка из домовой книги"
    issued: str = "24.11.2026 10:42"
    ahead: str = "Перед вами 3 человека"
    wait: str = "Ожидание: около 9 мин"
    call: str = "Ждите вызова на табло"
    link: str = LINK
    details: tuple[str, ...] = ()


class SensingDummy(Dummy):
    """A Dummy that answers DLE EOT queries like a printer with sensors."""

    def __init__(self, paper: int = PAPER_OK, cause: int = CAUSE_NONE, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.answers = {b"\x10\x04\x04": paper, b"\x10\x04\x02": cause}
        self.last = b""

    def _raw(self, msg: bytes) -> None:
        self.last = msg
        super()._raw(msg)

    def _read(self) -> bytes:
        return bytes([self.answers[self.last]])


def dummy_printer(dummy: Dummy, codepage: str = "CP866") -> EscposPrinter:
    return EscposPrinter(None, codepage=codepage, factory=lambda: dummy)


def test_a_slip_carries_the_number_in_the_code_page_the_native_qr_and_a_cut() -> None:
    dummy = Dummy()
    dummy_printer(dummy).print_ticket(Slip())
    out = dummy.output
    assert ESC_T + bytes([17]) in out  # CP866 is table 17
    for text in ("П017", "Ваш номер", "Выписка из домовой книги", "Ждите вызова на табло"):
        assert text.encode("cp866") in out
    assert "П017".encode() not in out
    store = QR_STORE + (len(LINK) + 3).to_bytes(2, "little") + b"1P0" + LINK.encode("ascii")
    assert store in out  # the link stored in the printer's QR symbol...
    assert QR_STORE + b"\x03\x001Q0" in out  # ...and printed
    assert out.index(store) < out.rindex(CUT)
    assert out.endswith(CUT + b"\x00") or CUT in out[-8:]


def test_an_ordinary_slip_prints_one_field_a_line() -> None:
    dummy = Dummy()
    dummy_printer(dummy).print_ticket(Slip())
    assert printed_lines(dummy.output, "cp866") == [
        "Центр госуслуг района Тверской", "", "Ваш номер", "П017", "Выписка из домовой книги",
        "24.11.2026 10:42", "Перед вами 3 человека", "Ожидание: около 9 мин", "", "Ждите вызова на табло"]


def test_each_detail_line_starts_a_line_of_its_own_and_wraps_between_words() -> None:
    details = ("Услуги:", "1. Регистрация по месту жительства или пребывания", "2. СНИЛС",
               "Возьмите с собой:", "• Паспорт гражданина РФ", "• Свидетельство о браке (если есть)",
               "• Справка — если меняли фамилию")
    dummy = Dummy(profile="ZJ-5870")  # 58 mm paper: 32 columns
    dummy_printer(dummy).print_ticket(Slip(details=details))
    lines = printed_lines(dummy.output, "cp866")
    assert max(len(line) for line in lines) <= 32
    service = lines.index("Выписка из домовой книги")
    assert lines[service + 1:service + 4] == ["Услуги:", "1. Регистрация по месту", "жительства или пребывания"]
    # CP866 has neither • nor —: the bullet operator and a hyphen print instead of "?".
    for text in ("2. СНИЛС", "Возьмите с собой:", "∙ Паспорт гражданина РФ", "∙ Свидетельство о браке (если есть)",
                 "∙ Справка - если меняли фамилию"):
        run = wrapped_run(lines, text)
        assert run is not None, f"{text!r} is not on lines of its own in {lines!r}"
    assert lines.index("24.11.2026 10:42") > lines.index("∙ Паспорт гражданина РФ")
    assert "?" not in "".join(lines)


def test_another_code_page_the_profile_has() -> None:
    dummy = Dummy()
    dummy_printer(dummy, "CP1251").print_ticket(Slip())
    assert ESC_T + bytes([46]) in dummy.output and "П017".encode("cp1251") in dummy.output


def test_the_config_check_names_the_code_pages_a_profile_has() -> None:
    assert setup_problem("default", "CP866") is None
    key, allowed = setup_problem("default", "CP437") or ("", "")
    assert key == "codepage" and "CP866" in allowed and "CP1251" in allowed
    key, allowed = setup_problem("NoSuchModel", "CP866") or ("", "")
    assert key == "profile" and "TM-T88V" in allowed


def test_an_empty_roll_fails_before_anything_is_printed() -> None:
    dummy = SensingDummy(paper=PAPER_OUT)
    with pytest.raises(PrintFailed) as failed:
        dummy_printer(dummy).print_ticket(Slip())
    assert failed.value.reason is PrinterReason.MEDIA_EMPTY
    assert "П017".encode("cp866") not in dummy.output and CUT not in dummy.output
    assert dummy_printer(SensingDummy(paper=PAPER_OUT)).status().reason is PrinterReason.MEDIA_EMPTY


def test_a_roll_that_ends_during_the_slip_fails_it() -> None:
    dummy = SensingDummy()
    original = dummy.textln

    def textln(text: str = "") -> None:  # the roll runs out while the slip is sent
        original(text)
        dummy.answers[b"\x10\x04\x04"] = PAPER_OUT

    dummy.textln = textln
    with pytest.raises(PrintFailed) as failed:
        dummy_printer(dummy).print_ticket(Slip())
    assert failed.value.reason is PrinterReason.MEDIA_EMPTY


def test_an_open_cover_fails_and_a_printer_with_sensors_reads_ready() -> None:
    with pytest.raises(PrintFailed) as failed:
        dummy_printer(SensingDummy(cause=CAUSE_COVER)).print_ticket(Slip())
    assert failed.value.reason is PrinterReason.COVER_OPEN
    ready = SensingDummy()
    assert dummy_printer(ready).status().ok
    dummy_printer(ready).print_ticket(Slip())
    assert "П017".encode("cp866") in ready.output


# -- a network printer ---------------------------------------------------------------------------


class FakeNetworkPrinter:
    """A raw-TCP (port 9100) printer on localhost: keeps what it receives; answers DLE EOT
    status queries when ``answers`` is set, else stays silent as a printer without a back channel."""

    def __init__(self, answers: bool = True, paper: int = PAPER_OK) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.answers = answers
        self.paper = paper
        self.received = bytearray()
        self.closed = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self.server.accept()
        except OSError:
            return
        with conn:
            while chunk := conn.recv(4096):
                self.received += chunk
                if self.answers:
                    for _ in range(chunk.count(b"\x10\x04\x04")):
                        conn.sendall(bytes([self.paper]))
                    for _ in range(chunk.count(b"\x10\x04\x02")):
                        conn.sendall(bytes([CAUSE_NONE]))
        self.closed.set()

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def network_printer() -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter()
    yield fake
    fake.close()


def test_a_network_printer_gets_the_slip_and_the_connection_is_closed(network_printer: FakeNetworkPrinter) -> None:
    printer = EscposPrinter(EscposDevice("network", host="127.0.0.1", port=network_printer.port), timeout_s=2)
    printer.print_ticket(Slip())
    assert network_printer.closed.wait(5)
    assert "П017".encode("cp866") in network_printer.received and CUT in network_printer.received


def test_the_network_timeout_is_the_configs_not_python_escpos_60_s() -> None:
    device = EscposDevice("network", host="127.0.0.1", port=9)
    assert _open_device(device, "default", 1.5, 9600).timeout == 1.5


def test_a_silent_network_printer_costs_one_short_timeout_and_still_prints() -> None:
    fake = FakeNetworkPrinter(answers=False)
    try:
        printer = EscposPrinter(EscposDevice("network", host="127.0.0.1", port=fake.port), timeout_s=1)
        started = time.monotonic()
        printer.print_ticket(Slip())
        assert time.monotonic() - started < 3  # one unanswered query at 1 s, not python-escpos' 60 s
        assert fake.closed.wait(5)
        assert "П017".encode("cp866") in fake.received
        assert not printer.answers_status  # the next slip does not wait for an answer again
    finally:
        fake.close()


def test_a_network_printer_out_of_paper_is_read_over_the_network() -> None:
    fake = FakeNetworkPrinter(paper=PAPER_OUT)
    try:
        printer = EscposPrinter(EscposDevice("network", host="127.0.0.1", port=fake.port), timeout_s=2)
        assert printer.status().reason is PrinterReason.MEDIA_EMPTY
    finally:
        fake.close()


def test_nobody_at_the_address_is_unreachable_at_once() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    printer = EscposPrinter(EscposDevice("network", host="127.0.0.1", port=port), timeout_s=2)
    started = time.monotonic()
    status = printer.status()
    assert status.reason is PrinterReason.UNREACHABLE and f"127.0.0.1:{port}" in status.details
    with pytest.raises(PrintFailed) as failed:
        printer.print_ticket(Slip())
    assert failed.value.reason is PrinterReason.UNREACHABLE
    assert time.monotonic() - started < 4
