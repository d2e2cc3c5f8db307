<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
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
    <name>KioskWindow</name>
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
    <name>MessageScreen</name>
    <message>
        <source>Back to the start</source>
        <translation>В начало</translation>
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
        <source>Not available now. Opens {when}</source>
        <translation>Сейчас недоступна. Откроется {when}</translation>
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
