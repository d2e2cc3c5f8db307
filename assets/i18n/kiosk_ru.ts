<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AboutScreen</name>
    <message>
        <source>Every day</source>
        <translation>Ежедневно</translation>
    </message>
    <message>
        <source>{first}–{last}</source>
        <translation>{first}–{last}</translation>
    </message>
    <message>
        <source>{days}: {hours}</source>
        <translation>{days}: {hours}</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Пн</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Вт</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Ср</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Чт</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Пт</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Сб</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Вс</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>выходной</translation>
    </message>
    <message>
        <source>round the clock</source>
        <translation>круглосуточно</translation>
    </message>
    <message>
        <source>About the centre</source>
        <translation>О центре</translation>
    </message>
    <message>
        <source>Address and opening hours</source>
        <translation>Адрес и часы работы</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Часы работы</translation>
    </message>
    <message>
        <source>Free Wi-Fi</source>
        <translation>Бесплатный Wi-Fi</translation>
    </message>
    <message>
        <source>Network name: {name}</source>
        <translation>Название сети: {name}</translation>
    </message>
    <message>
        <source>Children&apos;s corner</source>
        <translation>Детский уголок</translation>
    </message>
    <message>
        <source>Services in this centre</source>
        <translation>Услуги центра</translation>
    </message>
    <message>
        <source>Our website</source>
        <translation>Наш сайт</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera to open the centre&apos;s website.</source>
        <translation>Наведите камеру телефона на код, чтобы открыть сайт центра.</translation>
    </message>
</context>
<context>
    <name>AboutTile</name>
    <message>
        <source>About the centre</source>
        <translation>О центре</translation>
    </message>
    <message>
        <source>Address, hours, Wi-Fi, children&apos;s corner, website</source>
        <translation>Адрес, часы работы, Wi-Fi, детский уголок, сайт</translation>
    </message>
</context>
<context>
    <name>AccessibilitySwitches</name>
    <message>
        <source>Large text</source>
        <translation>Крупный текст</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Высокий контраст</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Озвучка</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The kiosk could not save this. Please try again.</source>
        <translation>Киоску не удалось это сохранить. Попробуйте ещё раз.</translation>
    </message>
</context>
<context>
    <name>AdminPinScreen</name>
    <message>
        <source>Checking…</source>
        <translation>Проверяем…</translation>
    </message>
    <message>
        <source>The kiosk cannot check PINs right now.</source>
        <translation>Киоск сейчас не может проверить PIN-код.</translation>
    </message>
    <message>
        <source>Admin mode is not set up on this kiosk. An operator sets the PINs from the command line: python main.py set-pin --role consultant</source>
        <translation>Режим администратора на этом киоске не настроен. PIN-коды задаёт оператор из командной строки: python main.py set-pin --role consultant</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The pad is locked until {time}.</source>
        <translation>Слишком много неверных PIN-кодов. Ввод заблокирован до {time}.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more try(-ies) before the pad locks.</source>
        <translation>
            <numerusform>Неверный PIN-код. До блокировки осталась %n попытка.</numerusform>
            <numerusform>Неверный PIN-код. До блокировки осталось %n попытки.</numerusform>
            <numerusform>Неверный PIN-код. До блокировки осталось %n попыток.</numerusform>
        </translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Вход для сотрудников</translation>
    </message>
    <message>
        <source>Type your PIN and tap OK. Admin mode closes after a minute without a touch.</source>
        <translation>Введите PIN-код и нажмите «Готово». Режим администратора закрывается после минуты без касаний.</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <source>Admin mode · {role}</source>
        <translation>Режим администратора · {role}</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти из режима</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Услуги</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Талоны</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Принтер</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Связь</translation>
    </message>
    <message>
        <source>Banner</source>
        <translation>Объявление</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Киоск</translation>
    </message>
</context>
<context>
    <name>AdminWords</name>
    <message>
        <source>Consultant</source>
        <translation>Консультант</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Никто</translation>
    </message>
    <message>
        <source>Visitor left</source>
        <translation>Посетитель ушёл</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Повторный талон</translation>
    </message>
    <message>
        <source>Wrong service</source>
        <translation>Не та услуга</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Другая причина</translation>
    </message>
    <message>
        <source>Time to provide the service</source>
        <translation>Время предоставления услуги</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>Время ожидания</translation>
    </message>
    <message>
        <source>Politeness and competence</source>
        <translation>Вежливость и компетентность</translation>
    </message>
    <message>
        <source>Comfort of the premises</source>
        <translation>Комфортность условий в помещении</translation>
    </message>
    <message>
        <source>Information on the service</source>
        <translation>Информация о порядке получения услуги</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>напечатан</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>не напечатан: {reason}</translation>
    </message>
    <message>
        <source>waiting for the printer</source>
        <translation>ждёт принтера</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>готов к печати</translation>
    </message>
    <message>
        <source>the print queue named in the settings does not exist; tell the operator</source>
        <translation>очереди печати из настроек нет в системе; сообщите оператору</translation>
    </message>
    <message>
        <source>the print queue is stopped (paper out, a jam or a printer error); fix the printer, then the operator enables the queue</source>
        <translation>очередь печати остановлена (кончилась бумага, замятие или ошибка принтера); устраните причину, затем оператор включит очередь</translation>
    </message>
    <message>
        <source>the print queue is paused and does not take tickets; tell the operator</source>
        <translation>очередь печати приостановлена и не принимает талоны; сообщите оператору</translation>
    </message>
    <message>
        <source>the print service (CUPS) is not running on this kiosk; tell the operator</source>
        <translation>служба печати (CUPS) на киоске не работает; сообщите оператору</translation>
    </message>
    <message>
        <source>the printer is out of paper; load a new roll</source>
        <translation>в принтере кончилась бумага; вставьте новый рулон</translation>
    </message>
    <message>
        <source>the printer&apos;s cover is open; close it</source>
        <translation>открыта крышка принтера; закройте её</translation>
    </message>
    <message>
        <source>the printer does not answer; check its power and cable</source>
        <translation>принтер не отвечает; проверьте питание и кабель</translation>
    </message>
    <message>
        <source>the printer did not print in time; the job was cancelled</source>
        <translation>принтер не успел напечатать талон; задание отменено</translation>
    </message>
    <message>
        <source>the printer reports a fault; tell the operator</source>
        <translation>принтер сообщает о неисправности; сообщите оператору</translation>
    </message>
    <message>
        <source>System message: {details}</source>
        <translation>Сообщение системы: {details}</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} мин</translation>
    </message>
    <message>
        <source>{value} GB</source>
        <translation>{value} ГБ</translation>
    </message>
    <message>
        <source>{value} MB</source>
        <translation>{value} МБ</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
</context>
<context>
    <name>BannerPage</name>
    <message>
        <source>Type the message first, in Russian and in English.</source>
        <translation>Сначала введите текст объявления на русском и на английском.</translation>
    </message>
    <message>
        <source>The banner is on Home now.</source>
        <translation>Объявление показано на главном экране.</translation>
    </message>
    <message>
        <source>The banner is removed.</source>
        <translation>Объявление снято.</translation>
    </message>
    <message>
        <source>Message in Russian</source>
        <translation>Текст на русском</translation>
    </message>
    <message>
        <source>Message in English</source>
        <translation>Текст на английском</translation>
    </message>
    <message>
        <source>Show until:</source>
        <translation>Показывать до:</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 час</translation>
    </message>
    <message>
        <source>4 hours</source>
        <translation>4 часа</translation>
    </message>
    <message>
        <source>End of today</source>
        <translation>Конца дня</translation>
    </message>
    <message>
        <source>End of tomorrow</source>
        <translation>Конца завтрашнего дня</translation>
    </message>
    <message>
        <source>Show on Home</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Снять</translation>
    </message>
    <message>
        <source>No banner is shown to visitors now.</source>
        <translation>Сейчас посетителям не показывается объявление.</translation>
    </message>
    <message>
        <source>Visitors see until {until}: «{text}»</source>
        <translation>Посетители видят до {until}: «{text}»</translation>
    </message>
</context>
<context>
    <name>BestTimeScreen</name>
    <message>
        <source>Best time to visit</source>
        <translation>Лучшее время для визита</translation>
    </message>
    <message>
        <source>There are not enough visits yet to tell the quietest times.</source>
        <translation>Пока слишком мало посещений, чтобы назвать самое спокойное время.</translation>
    </message>
    <message>
        <source>A typical week from this kiosk&apos;s tickets, {first}–{last}.</source>
        <translation>Обычная неделя по талонам этого киоска, {first}–{last}.</translation>
    </message>
    <message>
        <source>A typical week of the whole centre, {first}–{last} (central server).</source>
        <translation>Обычная неделя всего центра, {first}–{last} (данные центрального сервера).</translation>
    </message>
    <message>
        <source>Illustrative figures for the demonstration, not real visits.</source>
        <translation>Условные данные для демонстрации, а не реальные посещения.</translation>
    </message>
    <message>
        <source>Load by weekday and hour</source>
        <translation>Загруженность по дням недели и часам</translation>
    </message>
</context>
<context>
    <name>BestTimeTile</name>
    <message>
        <source>Best time to visit</source>
        <translation>Лучшее время для визита</translation>
    </message>
    <message>
        <source>When the centre is quietest</source>
        <translation>Когда в центре меньше всего людей</translation>
    </message>
</context>
<context>
    <name>BottomBar</name>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>В начало</translation>
    </message>
</context>
<context>
    <name>CategoriesScreen</name>
    <message>
        <source>Choose a service</source>
        <translation>Выберите услугу</translation>
    </message>
    <message>
        <source>Life situations</source>
        <translation>Жизненные ситуации</translation>
    </message>
    <message>
        <source>Several services for one event, such as the birth of a child</source>
        <translation>Несколько услуг по одному поводу, например при рождении ребёнка</translation>
    </message>
</context>
<context>
    <name>CheckInScreen</name>
    <message>
        <source>The kiosk cannot check you in right now</source>
        <translation>Киоск сейчас не может отметить вашу запись</translation>
    </message>
    <message>
        <source>Please ask a consultant in the hall. No ticket was taken.</source>
        <translation>Пожалуйста, обратитесь к консультанту в зале. Талон не выдан.</translation>
    </message>
    <message>
        <source>The kiosk has not received today&apos;s list of appointments yet.</source>
        <translation>Киоск ещё не получил список записей на сегодня.</translation>
    </message>
    <message numerus="yes">
        <source>The list of appointments was last updated %n hour(s) ago.</source>
        <translation>
            <numerusform>Список записей обновлялся %n час назад.</numerusform>
            <numerusform>Список записей обновлялся %n часа назад.</numerusform>
            <numerusform>Список записей обновлялся %n часов назад.</numerusform>
        </translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>У меня запись</translation>
    </message>
    <message>
        <source>Type the booking code from your confirmation, or hold its barcode under the scanner.</source>
        <translation>Введите код записи из подтверждения или поднесите его штрихкод к сканеру.</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>Код записи</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Отметиться</translation>
    </message>
    <message>
        <source>Take a normal ticket</source>
        <translation>Взять обычный талон</translation>
    </message>
    <message>
        <source>Type another code</source>
        <translation>Ввести другой код</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>You are early</source>
        <translation>Вы пришли рано</translation>
    </message>
    <message>
        <source>Your appointment is at {slot} ({service}). You can check in from {time}. Please come back then.</source>
        <translation>Ваша запись на {slot} ({service}). Отметиться можно с {time}. Пожалуйста, подойдите к этому времени.</translation>
    </message>
    <message>
        <source>The time of your appointment has passed</source>
        <translation>Время вашей записи прошло</translation>
    </message>
    <message>
        <source>Your appointment was at {slot}, and the booking has lapsed. You can take a normal ticket for the same service ({service}) and wait in the queue.</source>
        <translation>Ваша запись была на {slot}, и она уже недействительна. Вы можете взять обычный талон на ту же услугу ({service}) и подождать в очереди.</translation>
    </message>
    <message>
        <source>This code has already been used</source>
        <translation>Этот код уже использован</translation>
    </message>
    <message>
        <source>A ticket was already taken with this code: {numbers}. Please wait for it to be called, or ask a consultant in the hall.</source>
        <translation>По этому коду уже выдан талон: {numbers}. Пожалуйста, ждите его вызова или обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>A ticket was already taken with this code. Please ask a consultant in the hall.</source>
        <translation>По этому коду уже выдан талон. Пожалуйста, обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>This appointment was cancelled</source>
        <translation>Эта запись отменена</translation>
    </message>
    <message>
        <source>You can take a normal ticket for the same service ({service}) or book again.</source>
        <translation>Вы можете взять обычный талон на ту же услугу ({service}) или записаться снова.</translation>
    </message>
    <message>
        <source>This appointment is at another centre</source>
        <translation>Эта запись в другой центр</translation>
    </message>
    <message>
        <source>Please check the address in your confirmation. A consultant in the hall can help.</source>
        <translation>Пожалуйста, проверьте адрес в подтверждении записи. Консультант в зале поможет.</translation>
    </message>
    <message>
        <source>This appointment is for another day</source>
        <translation>Эта запись на другой день</translation>
    </message>
    <message>
        <source>Your appointment is on {date}. Please come back then, or take a normal ticket today.</source>
        <translation>Ваша запись на {date}. Пожалуйста, приходите в этот день или возьмите обычный талон сегодня.</translation>
    </message>
    <message>
        <source>We could not find this code</source>
        <translation>Мы не нашли этот код</translation>
    </message>
    <message>
        <source>Please check the code in your confirmation and type it again, or ask a consultant in the hall.</source>
        <translation>Пожалуйста, проверьте код в подтверждении и введите его ещё раз или обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>The kiosk cannot check appointments right now</source>
        <translation>Киоск сейчас не может проверить запись</translation>
    </message>
    <message>
        <source>It has not received today&apos;s list of appointments. Please ask a consultant in the hall.</source>
        <translation>Он не получил список записей на сегодня. Пожалуйста, обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>Booked visit at {time}</source>
        <translation>Запись на {time}</translation>
    </message>
    <message>
        <source>Booking code {code}</source>
        <translation>Код записи {code}</translation>
    </message>
    <message>
        <source>You will be called by {time} at the latest: for booked visits the wait is at most {norm} minutes.</source>
        <translation>Вас вызовут не позже {time}: по записи ожидание — не более {norm} минут.</translation>
    </message>
</context>
<context>
    <name>CheckInTile</name>
    <message>
        <source>I have an appointment</source>
        <translation>У меня запись</translation>
    </message>
    <message>
        <source>Check in with your booking code</source>
        <translation>Отметьтесь по коду записи</translation>
    </message>
</context>
<context>
    <name>CodePad</name>
    <message>
        <source>Delete the last character</source>
        <translation>Стереть последний символ</translation>
    </message>
</context>
<context>
    <name>GradeWords</name>
    <message>
        <source>very bad</source>
        <translation>очень плохо</translation>
    </message>
    <message>
        <source>bad</source>
        <translation>плохо</translation>
    </message>
    <message>
        <source>okay</source>
        <translation>нормально</translation>
    </message>
    <message>
        <source>good</source>
        <translation>хорошо</translation>
    </message>
    <message>
        <source>excellent</source>
        <translation>отлично</translation>
    </message>
    <message>
        <source>{grade} of 5, {word}</source>
        <translation>{grade} из 5, {word}</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Welcome</source>
        <translation>Добро пожаловать</translation>
    </message>
    <message>
        <source>Take a number for the electronic queue here.</source>
        <translation>Здесь можно взять талон электронной очереди.</translation>
    </message>
    <message>
        <source>Get a ticket</source>
        <translation>Получить талон</translation>
    </message>
    <message>
        <source>Choose a service or a life situation and take a queue number</source>
        <translation>Выберите услугу или жизненную ситуацию и возьмите номер в очереди</translation>
    </message>
    <message>
        <source>Our promise: you wait in the queue no more than {norm} minutes.</source>
        <translation>Наше обещание: ожидание в очереди — не более {norm} минут.</translation>
    </message>
    <message>
        <source>The centre is closed now. It opens {when}.</source>
        <translation>Центр сейчас закрыт. Он откроется {when}.</translation>
    </message>
    <message>
        <source>There is no queue right now.</source>
        <translation>Сейчас очереди нет.</translation>
    </message>
    <message numerus="yes">
        <source>%n people in the queue, longest expected wait about {minutes} min</source>
        <translation>
            <numerusform>В очереди %n человек, самое долгое ожидание — около {minutes} мин</numerusform>
            <numerusform>В очереди %n человека, самое долгое ожидание — около {minutes} мин</numerusform>
            <numerusform>В очереди %n человек, самое долгое ожидание — около {minutes} мин</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomeWaitLine</name>
    <message>
        <source>Longest wait now: {band}, {norm}.</source>
        <translation>Самое долгое ожидание сейчас: {band}, {norm}.</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>Back to the start</source>
        <translation>В начало</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>Space</source>
        <translation>Пробел</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>Стереть последний символ</translation>
    </message>
    <message>
        <source>Capital letter</source>
        <translation>Заглавная буква</translation>
    </message>
    <message>
        <source>Switch between Russian and English letters</source>
        <translation>Переключить русские и английские буквы</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <source>The two PINs differ. Type the new PIN again.</source>
        <translation>PIN-коды не совпали. Введите новый PIN-код ещё раз.</translation>
    </message>
    <message>
        <source>Saving the PIN…</source>
        <translation>Сохраняем PIN-код…</translation>
    </message>
    <message>
        <source>This PIN is already used by the other role. Choose another.</source>
        <translation>Этот PIN-код уже у другой роли. Выберите другой.</translation>
    </message>
    <message>
        <source>The kiosk could not save this. Please try again.</source>
        <translation>Киоску не удалось это сохранить. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The PIN of the role «{role}» is changed.</source>
        <translation>PIN-код роли «{role}» изменён.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Киоск</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Центр</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>Файл настроек</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Папка данных</translation>
    </message>
    <message>
        <source>Free disk</source>
        <translation>Свободно на диске</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <source>{free} of {total}</source>
        <translation>{free} из {total}</translation>
    </message>
    <message>
        <source>Recent log (last 200 lines)</source>
        <translation>Журнал (последние 200 строк)</translation>
    </message>
    <message>
        <source>The log file is empty or missing: {path}</source>
        <translation>Файл журнала пуст или отсутствует: {path}</translation>
    </message>
    <message>
        <source>PINs</source>
        <translation>PIN-коды</translation>
    </message>
    <message>
        <source>Change the consultant&apos;s PIN</source>
        <translation>Сменить PIN-код консультанта</translation>
    </message>
    <message>
        <source>Change the operator&apos;s PIN</source>
        <translation>Сменить PIN-код оператора</translation>
    </message>
    <message>
        <source>A PIN has 4 to 12 digits.</source>
        <translation>PIN-код — от 4 до 12 цифр.</translation>
    </message>
    <message>
        <source>New PIN for the role «{role}»:</source>
        <translation>Новый PIN-код для роли «{role}»:</translation>
    </message>
    <message>
        <source>Type the new PIN again:</source>
        <translation>Введите новый PIN-код ещё раз:</translation>
    </message>
    <message>
        <source>Tap again to exit</source>
        <translation>Нажмите ещё раз для выхода</translation>
    </message>
    <message>
        <source>Exit the application</source>
        <translation>Выйти из приложения</translation>
    </message>
</context>
<context>
    <name>PackageScreen</name>
    <message>
        <source>One visit for everything: you take one ticket, and one window handles all these services one after another.</source>
        <translation>Всё за один визит: вы берёте один талон, и в одном окне вам оформят все эти услуги по очереди.</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Услуги</translation>
    </message>
    <message>
        <source>Documents to bring</source>
        <translation>Какие документы взять</translation>
    </message>
    <message>
        <source>Take one ticket for the whole visit</source>
        <translation>Взять один талон на весь визит</translation>
    </message>
    <message>
        <source>Send me an SMS when my turn is near</source>
        <translation>Прислать СМС, когда подойдёт моя очередь</translation>
    </message>
    <message>
        <source>We will send you an SMS when your turn is near.</source>
        <translation>Мы пришлём вам СМС, когда подойдёт ваша очередь.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Your passport; a consultant in the hall will tell you the rest.</source>
        <translation>Паспорт; об остальном подскажет консультант в зале.</translation>
    </message>
    <message>
        <source>The whole visit takes about {minutes} min at the window.</source>
        <translation>Весь визит займёт у окна около {minutes} мин.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message numerus="yes">
        <source>%n digit(s) typed</source>
        <translation>
            <numerusform>Введена %n цифра</numerusform>
            <numerusform>Введено %n цифры</numerusform>
            <numerusform>Введено %n цифр</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Locked for %n more second(s)</source>
        <translation>
            <numerusform>Заблокировано ещё на %n секунду</numerusform>
            <numerusform>Заблокировано ещё на %n секунды</numerusform>
            <numerusform>Заблокировано ещё на %n секунд</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Locked for %n more minute(s)</source>
        <translation>
            <numerusform>Заблокировано ещё на %n минуту</numerusform>
            <numerusform>Заблокировано ещё на %n минуты</numerusform>
            <numerusform>Заблокировано ещё на %n минут</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Стереть последнюю цифру</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Confirm the PIN</source>
        <translation>Подтвердить PIN-код</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>Printer test page</source>
        <translation>Пробная страница принтера</translation>
    </message>
    <message>
        <source>If you can read this, the printer works.</source>
        <translation>Если этот текст читается, принтер работает.</translation>
    </message>
    <message>
        <source>Kiosk {kiosk}</source>
        <translation>Киоск {kiosk}</translation>
    </message>
    <message>
        <source>This is not a queue ticket</source>
        <translation>Это не талон очереди</translation>
    </message>
    <message>
        <source>Printing a test page…</source>
        <translation>Печатаем пробную страницу…</translation>
    </message>
    <message>
        <source>The test page was printed. Check that it is readable.</source>
        <translation>Пробная страница напечатана. Проверьте, что она читается.</translation>
    </message>
    <message>
        <source>The test page was not printed: {reason}.</source>
        <translation>Пробная страница не напечатана: {reason}.</translation>
    </message>
    <message>
        <source>This kiosk has no printer</source>
        <translation>У этого киоска нет принтера</translation>
    </message>
    <message>
        <source>Tickets are saved as PDF files</source>
        <translation>Талоны сохраняются в файлы PDF</translation>
    </message>
    <message>
        <source>Receipt printer on the network: {address}</source>
        <translation>Чековый принтер в сети: {address}</translation>
    </message>
    <message>
        <source>Receipt printer on serial port {port}</source>
        <translation>Чековый принтер на последовательном порту {port}</translation>
    </message>
    <message>
        <source>Receipt printer on USB: {ids}</source>
        <translation>Чековый принтер по USB: {ids}</translation>
    </message>
    <message>
        <source>Printer: {name}</source>
        <translation>Принтер: {name}</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>по умолчанию</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Напечатать пробную страницу</translation>
    </message>
    <message>
        <source>No ticket printed today yet.</source>
        <translation>Сегодня талоны ещё не печатались.</translation>
    </message>
    <message>
        <source>Latest ticket {number} ({time}): {state}</source>
        <translation>Последний талон {number} ({time}): {state}</translation>
    </message>
    <message numerus="yes">
        <source>%n failed print(s) today</source>
        <translation>
            <numerusform>Сегодня %n сбой печати</numerusform>
            <numerusform>Сегодня %n сбоя печати</numerusform>
            <numerusform>Сегодня %n сбоев печати</numerusform>
        </translation>
    </message>
    <message>
        <source>Status: checking the printer…</source>
        <translation>Состояние: проверяем принтер…</translation>
    </message>
    <message>
        <source>Status: {state}</source>
        <translation>Состояние: {state}</translation>
    </message>
</context>
<context>
    <name>QuickRatingPanel</name>
    <message>
        <source>How do you like our centre? Rate us with one tap</source>
        <translation>Как вам наш центр? Оцените одним касанием</translation>
    </message>
    <message>
        <source>Thank you! Your rating has been counted.</source>
        <translation>Спасибо! Ваша оценка учтена.</translation>
    </message>
    <message>
        <source>Thank you! Please wait a moment before rating again.</source>
        <translation>Спасибо! Подождите немного перед новой оценкой.</translation>
    </message>
</context>
<context>
    <name>RateServiceTile</name>
    <message>
        <source>Rate the service</source>
        <translation>Оценить обслуживание</translation>
    </message>
    <message>
        <source>After your visit: five questions, one minute</source>
        <translation>После приёма: пять вопросов, одна минута</translation>
    </message>
</context>
<context>
    <name>RatingCommentScreen</name>
    <message>
        <source>{used} of {limit} characters</source>
        <translation>{used} из {limit} символов</translation>
    </message>
    <message>
        <source>Would you like to add a few words?</source>
        <translation>Хотите что-нибудь добавить?</translation>
    </message>
    <message>
        <source>Optional. Type what went well or what we should improve, or just send your rating.</source>
        <translation>Необязательно. Напишите, что понравилось или что нам стоит улучшить, или просто отправьте оценку.</translation>
    </message>
    <message>
        <source>Your comment</source>
        <translation>Ваш комментарий</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>Отправить оценку</translation>
    </message>
</context>
<context>
    <name>RatingCriteriaScreen</name>
    <message>
        <source>Choose a grade in at least one row. You may skip any question.</source>
        <translation>Выберите оценку хотя бы в одной строке. Любой вопрос можно пропустить.</translation>
    </message>
    <message>
        <source>All five questions answered.</source>
        <translation>Вы ответили на все пять вопросов.</translation>
    </message>
    <message numerus="yes">
        <source>%n of 5 question(s) answered. You may skip the others.</source>
        <translation>
            <numerusform>Отвечено на %n вопрос из 5. Остальные можно пропустить.</numerusform>
            <numerusform>Отвечено на %n вопроса из 5. Остальные можно пропустить.</numerusform>
            <numerusform>Отвечено на %n вопросов из 5. Остальные можно пропустить.</numerusform>
        </translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>Как прошёл ваш визит?</translation>
    </message>
    <message>
        <source>Time taken to provide the service</source>
        <translation>Время предоставления услуги</translation>
    </message>
    <message>
        <source>Waiting time in the queue</source>
        <translation>Время ожидания в очереди</translation>
    </message>
    <message>
        <source>Politeness and competence of the staff member</source>
        <translation>Вежливость и компетентность сотрудника</translation>
    </message>
    <message>
        <source>Comfort of the premises</source>
        <translation>Комфортность условий в помещении</translation>
    </message>
    <message>
        <source>Availability of information on how to get the service</source>
        <translation>Доступность информации о порядке предоставления услуги</translation>
    </message>
    <message>
        <source>Ticket {number}: {service}</source>
        <translation>Талон {number}: {service}</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
</context>
<context>
    <name>RatingEntryScreen</name>
    <message>
        <source>We could not read that. Please type the number from your ticket, or scan the QR code printed on it.</source>
        <translation>Не удалось распознать номер. Введите номер с вашего талона или поднесите к сканеру QR-код, напечатанный на нём.</translation>
    </message>
    <message>
        <source>We could not find this ticket among today&apos;s tickets of this centre.</source>
        <translation>Такого талона нет среди сегодняшних талонов этого центра.</translation>
    </message>
    <message>
        <source>This ticket was taken on another day. Only today&apos;s tickets can be rated here.</source>
        <translation>Этот талон выдан в другой день. Здесь можно оценить только сегодняшние талоны.</translation>
    </message>
    <message>
        <source>This ticket was issued by another kiosk. Please rate your visit at that kiosk.</source>
        <translation>Этот талон выдан другим терминалом. Пожалуйста, оцените визит на нём.</translation>
    </message>
    <message>
        <source>This ticket was cancelled, so it cannot be rated. If this is a mistake, please ask a consultant in the hall.</source>
        <translation>Этот талон отменён, и оценка по нему не принимается. Если это ошибка, обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>This ticket has already been rated. Thank you! Each visit can be rated once.</source>
        <translation>Этот талон уже оценён. Спасибо! Каждый визит оценивается один раз.</translation>
    </message>
    <message>
        <source>We could not find ticket {number} among today&apos;s tickets. Please check the number on your ticket.</source>
        <translation>Талон {number} не найден среди сегодняшних. Пожалуйста, проверьте номер на талоне.</translation>
    </message>
    <message>
        <source>Ticket {number} was taken on another day. Only today&apos;s tickets can be rated here.</source>
        <translation>Талон {number} выдан в другой день. Здесь можно оценить только сегодняшние талоны.</translation>
    </message>
    <message>
        <source>Ticket {number} was issued by another kiosk in this centre. Please rate your visit at that kiosk.</source>
        <translation>Талон {number} выдан другим терминалом этого центра. Пожалуйста, оцените визит на нём.</translation>
    </message>
    <message>
        <source>Ticket {number} was cancelled, so it cannot be rated. If this is a mistake, please ask a consultant in the hall.</source>
        <translation>Талон {number} отменён, и оценка по нему не принимается. Если это ошибка, обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>Ticket {number} has already been rated. Thank you! Each visit can be rated once.</source>
        <translation>Талон {number} уже оценён. Спасибо! Каждый визит оценивается один раз.</translation>
    </message>
    <message>
        <source>Rate the service</source>
        <translation>Оценить обслуживание</translation>
    </message>
    <message>
        <source>Type the number from your ticket, or hold the ticket&apos;s QR code under the scanner.</source>
        <translation>Введите номер с вашего талона или поднесите QR-код талона к сканеру.</translation>
    </message>
    <message>
        <source>Your ticket number</source>
        <translation>Номер вашего талона</translation>
    </message>
    <message>
        <source>The number is printed in large letters at the top of your ticket. Type it on the keypad on the screen: first the letter, then the digits.</source>
        <translation>Номер напечатан крупно в верхней части талона. Наберите его на клавиатуре на экране: сначала букву, затем цифры.</translation>
    </message>
    <message>
        <source>Find my ticket</source>
        <translation>Найти мой талон</translation>
    </message>
</context>
<context>
    <name>RatingFlow</name>
    <message>
        <source>The kiosk cannot save your rating right now</source>
        <translation>Сейчас киоск не может сохранить вашу оценку</translation>
    </message>
    <message>
        <source>Please try again later or ask a consultant in the hall. Nothing was saved.</source>
        <translation>Попробуйте позже или обратитесь к консультанту в зале. Оценка не сохранена.</translation>
    </message>
</context>
<context>
    <name>RatingThanksScreen</name>
    <message>
        <source>Thank you for your rating!</source>
        <translation>Спасибо за вашу оценку!</translation>
    </message>
    <message>
        <source>Your rating of ticket {number} has been saved.</source>
        <translation>Ваша оценка по талону {number} сохранена.</translation>
    </message>
    <message>
        <source>Your opinion helps the centre work better.</source>
        <translation>Ваше мнение помогает центру работать лучше.</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>В начало</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>«{service}» is paused: {reason}. Visitors see it as unavailable.</source>
        <translation>Услуга «{service}» приостановлена: {reason}. Посетители видят, что она недоступна.</translation>
    </message>
    <message>
        <source>«{service}» takes tickets again.</source>
        <translation>На услугу «{service}» снова выдаются талоны.</translation>
    </message>
    <message>
        <source>Takes tickets</source>
        <translation>Талоны выдаются</translation>
    </message>
    <message>
        <source>Paused by the central office: {reason}</source>
        <translation>Приостановлена центральным офисом: {reason}</translation>
    </message>
    <message>
        <source>Paused: {reason}</source>
        <translation>Приостановлена: {reason}</translation>
    </message>
    <message>
        <source>Tap a service, then pick why it is paused. Visitors see the reason.</source>
        <translation>Выберите услугу, затем причину приостановки. Посетители увидят причину.</translation>
    </message>
    <message>
        <source>Resume the service</source>
        <translation>Возобновить услугу</translation>
    </message>
    <message>
        <source>No service chosen</source>
        <translation>Услуга не выбрана</translation>
    </message>
    <message>
        <source>Choose a service from the list.</source>
        <translation>Выберите услугу из списка.</translation>
    </message>
    <message>
        <source>Only the central office can lift this pause.</source>
        <translation>Снять эту приостановку может только центральный офис.</translation>
    </message>
    <message>
        <source>Why is it paused?</source>
        <translation>Почему приостановлена?</translation>
    </message>
    <message>
        <source>Or change the reason:</source>
        <translation>Или смените причину:</translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <source>Tap the service you came for</source>
        <translation>Нажмите на услугу, за которой вы пришли</translation>
    </message>
    <message>
        <source>Services often needed together. Take a ticket for the first one; at the window you can ask about the rest.</source>
        <translation>Услуги, которые часто нужны вместе. Возьмите талон на первую из них, об остальных можно спросить у окна.</translation>
    </message>
    <message>
        <source>Not available now: {reason}</source>
        <translation>Сейчас недоступна: {reason}</translation>
    </message>
    <message>
        <source>Not available now. Opens {when}</source>
        <translation>Сейчас недоступна. Откроется {when}</translation>
    </message>
</context>
<context>
    <name>SmsScreen</name>
    <message>
        <source>The request could not be saved. Please ask a consultant in the hall.</source>
        <translation>Не удалось сохранить просьбу. Пожалуйста, обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>A mobile number starts with 9 after +7 and has 10 digits.</source>
        <translation>Мобильный номер начинается с 9 после +7 и состоит из 10 цифр.</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <source>An SMS when your turn is near</source>
        <translation>СМС, когда подойдёт очередь</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>Ваш мобильный номер</translation>
    </message>
    <message>
        <source>Personal data (law 152-FZ): the centre uses your number only to send one SMS about this ticket. It is not printed or shown, and it is deleted after the SMS is sent, or at the end of the day.</source>
        <translation>Персональные данные (закон 152-ФЗ): центр использует ваш номер только для одного СМС об этом талоне. Номер не печатается и не показывается, он удаляется после отправки СМС или в конце дня.</translation>
    </message>
    <message>
        <source>I agree to the processing of my phone number for this SMS</source>
        <translation>Я согласен(на) на обработку моего номера телефона для этого СМС</translation>
    </message>
    <message>
        <source>Language of the SMS:</source>
        <translation>Язык СМС:</translation>
    </message>
    <message>
        <source>Send me an SMS</source>
        <translation>Прислать мне СМС</translation>
    </message>
    <message>
        <source>No, thank you</source>
        <translation>Нет, спасибо</translation>
    </message>
</context>
<context>
    <name>StandardScreen</name>
    <message>
        <source>Moscow service standard</source>
        <translation>Московский стандарт госуслуг</translation>
    </message>
    <message>
        <source>Slide the text up or down with your finger.</source>
        <translation>Листайте текст пальцем вверх и вниз.</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} мин</translation>
    </message>
    <message>
        <source>is the longest you should wait in the queue, with or without a booking</source>
        <translation>— самое долгое ожидание в очереди, с записью и без неё</translation>
    </message>
    <message>
        <source>If you wait longer, you will be offered a free hot drink.</source>
        <translation>Если вы ждёте дольше, вам предложат бесплатный горячий напиток.</translation>
    </message>
    <message>
        <source>The text of the standard is not available right now. Please ask a consultant in the hall.</source>
        <translation>Текст стандарта сейчас недоступен. Пожалуйста, обратитесь к консультанту в зале.</translation>
    </message>
</context>
<context>
    <name>StandardTile</name>
    <message>
        <source>Moscow service standard</source>
        <translation>Московский стандарт госуслуг</translation>
    </message>
    <message>
        <source>How we serve you and what we promise</source>
        <translation>Как мы вас обслуживаем и что обещаем</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync requested. The figures here update when it is done.</source>
        <translation>Обмен данными запрошен. Цифры здесь обновятся, когда он пройдёт.</translation>
    </message>
    <message>
        <source>No central server is set up, so nothing can be sent.</source>
        <translation>Центральный сервер не настроен, поэтому отправить ничего нельзя.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Обменяться сейчас</translation>
    </message>
    <message>
        <source>Events set aside by the server</source>
        <translation>События, отклонённые сервером</translation>
    </message>
    <message>
        <source>No central server is set up: the kiosk works offline only.</source>
        <translation>Центральный сервер не настроен: киоск работает только без связи.</translation>
    </message>
    <message>
        <source>Online: the last attempt reached the server.</source>
        <translation>На связи: последняя попытка дошла до сервера.</translation>
    </message>
    <message>
        <source>Offline: the last attempt did not reach the server.</source>
        <translation>Нет связи: последняя попытка не дошла до сервера.</translation>
    </message>
    <message>
        <source>Last successful sync: {when}</source>
        <translation>Последний успешный обмен: {when}</translation>
    </message>
    <message>
        <source>Last attempt: {when}</source>
        <translation>Последняя попытка: {when}</translation>
    </message>
    <message>
        <source>Last problem: {error}</source>
        <translation>Последняя ошибка: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) waiting to be sent</source>
        <translation>
            <numerusform>%n событие ждёт отправки</numerusform>
            <numerusform>%n события ждут отправки</numerusform>
            <numerusform>%n событий ждут отправки</numerusform>
        </translation>
    </message>
    <message>
        <source>None: the server has accepted everything sent so far.</source>
        <translation>Нет: сервер принял всё, что было отправлено.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) set aside; they are kept here and not sent again.</source>
        <translation>
            <numerusform>%n событие отклонено; оно хранится здесь и повторно не отправляется.</numerusform>
            <numerusform>%n события отклонены; они хранятся здесь и повторно не отправляются.</numerusform>
            <numerusform>%n событий отклонено; они хранятся здесь и повторно не отправляются.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketExtrasPanel</name>
    <message>
        <source>Send me an SMS when my turn is near</source>
        <translation>Прислать СМС, когда подойдёт моя очередь</translation>
    </message>
    <message>
        <source>We will send you an SMS when your turn is near.</source>
        <translation>Мы пришлём вам СМС, когда подойдёт ваша очередь.</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <source>Your ticket</source>
        <translation>Ваш талон</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>Ваш номер</translation>
    </message>
    <message>
        <source>Scan to follow your ticket and rate the service</source>
        <translation>Отсканируйте, чтобы следить за талоном и оценить услугу</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Please wait until your number is called on the display</source>
        <translation>Ждите вызова на табло</translation>
    </message>
    <message>
        <source>Your number is {number}</source>
        <translation>Ваш номер {number}</translation>
    </message>
    <message>
        <source>Taken on {date} at {time}</source>
        <translation>Выдан {date} в {time}</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>Печатаем талон…</translation>
    </message>
    <message>
        <source>Please take your printed ticket from the slot below the screen.</source>
        <translation>Возьмите напечатанный талон в лотке под экраном.</translation>
    </message>
    <message>
        <source>The printer is not working right now. Please remember your number or take a photo of this screen.</source>
        <translation>Принтер сейчас не работает. Запомните номер или сфотографируйте экран.</translation>
    </message>
</context>
<context>
    <name>Ticketing</name>
    <message>
        <source>The kiosk cannot issue a ticket right now</source>
        <translation>Киоск сейчас не может выдать талон</translation>
    </message>
    <message>
        <source>Please ask a consultant in the hall. No ticket was taken.</source>
        <translation>Пожалуйста, обратитесь к консультанту в зале. Талон не был выдан.</translation>
    </message>
</context>
<context>
    <name>TicketsPage</name>
    <message>
        <source>Ticket {number} is cancelled: {reason}.</source>
        <translation>Талон {number} отменён: {reason}.</translation>
    </message>
    <message>
        <source>Ticket {number} sent to the printer again.</source>
        <translation>Талон {number} снова отправлен на печать.</translation>
    </message>
    <message>
        <source>This ticket is cancelled.</source>
        <translation>Этот талон отменён.</translation>
    </message>
    <message>
        <source>This ticket is no longer in the kiosk.</source>
        <translation>Этого талона больше нет в киоске.</translation>
    </message>
    <message>
        <source>Type today&apos;s ticket number (for example П17, or just 17) or scan its QR code.</source>
        <translation>Введите номер сегодняшнего талона (например, П17 или просто 17) или отсканируйте его QR-код.</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>Номер талона</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Напечатать снова</translation>
    </message>
    <message>
        <source>Cancel the ticket because:</source>
        <translation>Отменить талон, причина:</translation>
    </message>
    <message>
        <source>No ticket looked up yet</source>
        <translation>Талон ещё не искали</translation>
    </message>
    <message>
        <source>No ticket with this number today</source>
        <translation>Сегодня нет талона с таким номером</translation>
    </message>
    <message numerus="yes">
        <source>%n tickets have this number; choose one</source>
        <translation>
            <numerusform>%n талон с этим номером; выберите нужный</numerusform>
            <numerusform>%n талона с этим номером; выберите нужный</numerusform>
            <numerusform>%n талонов с этим номером; выберите нужный</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket found</source>
        <translation>Талон найден</translation>
    </message>
    <message>
        <source>Expected wait when taken: {minutes} min</source>
        <translation>Ожидание при выдаче: {minutes} мин</translation>
    </message>
    <message>
        <source>Print: {state}</source>
        <translation>Печать: {state}</translation>
    </message>
    <message>
        <source>Cancelled at {time}: {reason}</source>
        <translation>Отменён в {time}: {reason}</translation>
    </message>
    <message>
        <source>Waiting to be called</source>
        <translation>Ожидает вызова</translation>
    </message>
    <message>
        <source>No printer on this kiosk</source>
        <translation>У киоска нет принтера</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Tickets per hour</source>
        <translation>Талоны по часам</translation>
    </message>
    <message>
        <source>Tickets per service</source>
        <translation>Талоны по услугам</translation>
    </message>
    <message>
        <source>No tickets yet today.</source>
        <translation>Сегодня талонов ещё не было.</translation>
    </message>
    <message numerus="yes">
        <source>tickets today, %n cancelled</source>
        <translation>
            <numerusform>талонов сегодня, %n отменён</numerusform>
            <numerusform>талонов сегодня, %n отменено</numerusform>
            <numerusform>талонов сегодня, %n отменено</numerusform>
        </translation>
    </message>
    <message>
        <source>people waiting now</source>
        <translation>ждут сейчас</translation>
    </message>
    <message>
        <source>average expected wait</source>
        <translation>среднее ожидаемое ожидание</translation>
    </message>
    <message numerus="yes">
        <source>longest expected wait; %n over 15 min</source>
        <translation>
            <numerusform>самое долгое ожидание; %n талон дольше 15 мин</numerusform>
            <numerusform>самое долгое ожидание; %n талона дольше 15 мин</numerusform>
            <numerusform>самое долгое ожидание; %n талонов дольше 15 мин</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ratings of tickets today: %n</source>
        <translation>
            <numerusform>Оценки по талонам сегодня: %n</numerusform>
            <numerusform>Оценки по талонам сегодня: %n</numerusform>
            <numerusform>Оценки по талонам сегодня: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Quick ratings (without a ticket): none yet today.</source>
        <translation>Быстрые оценки (без талона): сегодня ещё нет.</translation>
    </message>
    <message numerus="yes">
        <source>Quick ratings (without a ticket): %n, average {average}, rated 4–5: {share}</source>
        <translation>
            <numerusform>Быстрые оценки (без талона): %n, средняя {average}, оценок 4–5: {share}</numerusform>
            <numerusform>Быстрые оценки (без талона): %n, средняя {average}, оценок 4–5: {share}</numerusform>
            <numerusform>Быстрые оценки (без талона): %n, средняя {average}, оценок 4–5: {share}</numerusform>
        </translation>
    </message>
    <message>
        <source>Booking codes checked in more than once today (kiosks offline at the time); please find the visitors and keep one ticket each:</source>
        <translation>Коды записи, по которым сегодня отметились больше одного раза (киоски были без связи): найдите посетителей и оставьте каждому один талон:</translation>
    </message>
    <message>
        <source>code {code}, booked for {time}: tickets {numbers}</source>
        <translation>код {code}, запись на {time}: талоны {numbers}</translation>
    </message>
    <message>
        <source>The kiosk&apos;s disk is full: {free} free. No tickets are issued until the operator frees space.</source>
        <translation>Диск киоска заполнен: свободно {free}. Талоны не выдаются, пока оператор не освободит место.</translation>
    </message>
    <message>
        <source>Little space left on the kiosk&apos;s disk: {free} free. Below {refuse} the kiosk stops issuing tickets; tell the operator.</source>
        <translation>На диске киоска мало места: свободно {free}. Когда останется меньше {refuse}, киоск перестанет выдавать талоны; сообщите оператору.</translation>
    </message>
    <message>
        <source>The kiosk cannot measure its free disk space; tell the operator.</source>
        <translation>Киоск не может определить, сколько места свободно на диске; сообщите оператору.</translation>
    </message>
    <message>
        <source>{average} · {share} rated 4–5</source>
        <translation>{average} · {share} оценок 4–5</translation>
    </message>
    <message>
        <source>No grades yet today; the target is {target} rated 4–5.</source>
        <translation>Сегодня оценок ещё нет; цель — {target} оценок 4–5.</translation>
    </message>
    <message>
        <source>Rated 4–5: {share}. Target {target} reached.</source>
        <translation>Оценки 4–5: {share}. Цель {target} достигнута.</translation>
    </message>
    <message>
        <source>Rated 4–5: {share}. Below the {target} target.</source>
        <translation>Оценки 4–5: {share}. Ниже цели {target}.</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>● Online · synced {time}</source>
        <translation>● В сети · синхронизировано в {time}</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● В сети</translation>
    </message>
    <message>
        <source>○ Offline · last sync {time}</source>
        <translation>○ Нет связи · последняя синхронизация в {time}</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Нет связи</translation>
    </message>
</context>
<context>
    <name>VisitExtras</name>
    <message>
        <source>The kiosk cannot issue a ticket right now</source>
        <translation>Киоск сейчас не может выдать талон</translation>
    </message>
    <message>
        <source>Please ask a consultant in the hall. No ticket was taken.</source>
        <translation>Пожалуйста, обратитесь к консультанту в зале. Талон не выдан.</translation>
    </message>
</context>
<context>
    <name>Voice</name>
    <message>
        <source>Your number is {letter} {number}</source>
        <translation>Ваш номер: {letter} {number}</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>No queue now</source>
        <translation>Очереди нет</translation>
    </message>
    <message>
        <source>Nobody waiting</source>
        <translation>Никто не ждёт</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>ждёт %n человек</numerusform>
            <numerusform>ждут %n человека</numerusform>
            <numerusform>ждут %n человек</numerusform>
        </translation>
    </message>
    <message>
        <source>about {minutes}&#xa0;min</source>
        <translation>около {minutes}&#xa0;мин</translation>
    </message>
    <message>
        <source>later</source>
        <translation>позже</translation>
    </message>
    <message>
        <source>today at {time}</source>
        <translation>сегодня в {time}</translation>
    </message>
    <message>
        <source>tomorrow at {time}</source>
        <translation>завтра в {time}</translation>
    </message>
    <message>
        <source>on {date} at {time}</source>
        <translation>{date} в {time}</translation>
    </message>
    <message>
        <source>The centre is closed now</source>
        <translation>Центр сейчас закрыт</translation>
    </message>
    <message>
        <source>This service is not available now</source>
        <translation>Эта услуга сейчас недоступна</translation>
    </message>
    <message>
        <source>No more tickets for this service today</source>
        <translation>Талоны на эту услугу сегодня больше не выдаются</translation>
    </message>
    <message>
        <source>This kiosk has run out of numbers for this queue</source>
        <translation>В этом киоске закончились номера для этой очереди</translation>
    </message>
    <message>
        <source>This service is no longer offered here</source>
        <translation>Эта услуга здесь больше не оказывается</translation>
    </message>
    <message>
        <source>This service is paused</source>
        <translation>Эта услуга приостановлена</translation>
    </message>
    <message>
        <source>It opens {when}.</source>
        <translation>Он откроется {when}.</translation>
    </message>
    <message>
        <source>It will be available {when}.</source>
        <translation>Она будет доступна {when}.</translation>
    </message>
    <message>
        <source>The queue could not reach you before closing time. Please come back {when}.</source>
        <translation>Очередь не успеет дойти до вас до закрытия. Пожалуйста, приходите {when}.</translation>
    </message>
    <message>
        <source>Please ask a consultant in the hall: they will help you get a number.</source>
        <translation>Пожалуйста, обратитесь к консультанту в зале: он поможет получить номер.</translation>
    </message>
    <message>
        <source>Please choose again or ask a consultant in the hall.</source>
        <translation>Пожалуйста, выберите снова или обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>Please ask a consultant in the hall.</source>
        <translation>Пожалуйста, обратитесь к консультанту в зале.</translation>
    </message>
    <message>
        <source>closed today</source>
        <translation>сегодня не работает</translation>
    </message>
    <message>
        <source>technical failure</source>
        <translation>технический сбой</translation>
    </message>
    <message>
        <source>no specialist available</source>
        <translation>нет свободного специалиста</translation>
    </message>
    <message>
        <source>system maintenance</source>
        <translation>технические работы</translation>
    </message>
    <message>
        <source>temporarily unavailable</source>
        <translation>временно недоступна</translation>
    </message>
    <message>
        <source>You will be called very soon.</source>
        <translation>Вас вызовут совсем скоро.</translation>
    </message>
    <message>
        <source>Expected wait: about {minutes} min, within the {norm}-minute norm.</source>
        <translation>Ожидание: около {minutes} мин, в пределах нормы {norm} минут.</translation>
    </message>
    <message>
        <source>Expected wait: about {minutes} min, longer than the {norm}-minute norm. If you wait more than {norm} minutes, you will be offered a free hot drink.</source>
        <translation>Ожидание: около {minutes} мин, дольше нормы {norm} минут. Если вы ждёте дольше {norm} минут, вам предложат бесплатный горячий напиток.</translation>
    </message>
    <message>
        <source>Nobody is ahead of you</source>
        <translation>Перед вами никого нет</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) ahead of you</source>
        <translation>
            <numerusform>Перед вами %n человек</numerusform>
            <numerusform>Перед вами %n человека</numerusform>
            <numerusform>Перед вами %n человек</numerusform>
        </translation>
    </message>
</context>
</TS>
