<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BottomBar</name>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>CategoriesScreen</name>
    <message>
        <source>Choose a service</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <source>Life situations</source>
        <translation>Life situations</translation>
    </message>
    <message>
        <source>Several services for one event, such as the birth of a child</source>
        <translation>Several services for one event, such as the birth of a child</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Take a number for the electronic queue here.</source>
        <translation>Take a number for the electronic queue here.</translation>
    </message>
    <message>
        <source>Get a ticket</source>
        <translation>Get a ticket</translation>
    </message>
    <message>
        <source>Choose a service or a life situation and take a queue number</source>
        <translation>Choose a service or a life situation and take a queue number</translation>
    </message>
    <message>
        <source>Our promise: you wait in the queue no more than {norm} minutes.</source>
        <translation>Our promise: you wait in the queue no more than {norm} minutes.</translation>
    </message>
    <message>
        <source>The centre is closed now. It opens {when}.</source>
        <translation>The centre is closed now. It opens {when}.</translation>
    </message>
    <message>
        <source>There is no queue right now.</source>
        <translation>There is no queue right now.</translation>
    </message>
    <message numerus="yes">
        <source>%n people in the queue, longest expected wait about {minutes} min</source>
        <translation>
            <numerusform>%n person in the queue, longest expected wait about {minutes} min</numerusform>
            <numerusform>%n people in the queue, longest expected wait about {minutes} min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>The kiosk cannot issue a ticket right now</source>
        <translation>The kiosk cannot issue a ticket right now</translation>
    </message>
    <message>
        <source>Please ask a consultant in the hall. No ticket was taken.</source>
        <translation>Please ask a consultant in the hall. No ticket was taken.</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>Back to the start</source>
        <translation>Back to the start</translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <source>Tap the service you came for</source>
        <translation>Tap the service you came for</translation>
    </message>
    <message>
        <source>Services often needed together. Take a ticket for the first one; at the window you can ask about the rest.</source>
        <translation>Services often needed together. Take a ticket for the first one; at the window you can ask about the rest.</translation>
    </message>
    <message>
        <source>Not available now. Opens {when}</source>
        <translation>Not available now. Opens {when}</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <source>Your ticket</source>
        <translation>Your ticket</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>Your number</translation>
    </message>
    <message>
        <source>Scan to follow your ticket and rate the service</source>
        <translation>Scan to follow your ticket and rate the service</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Please wait until your number is called on the display</source>
        <translation>Please wait until your number is called on the display</translation>
    </message>
    <message>
        <source>Your number is {number}</source>
        <translation>Your number is {number}</translation>
    </message>
    <message>
        <source>Taken on {date} at {time}</source>
        <translation>Taken on {date} at {time}</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <source>Please take your printed ticket from the slot below the screen.</source>
        <translation>Please take your printed ticket from the slot below the screen.</translation>
    </message>
    <message>
        <source>The printer is not working right now. Please remember your number or take a photo of this screen.</source>
        <translation>The printer is not working right now. Please remember your number or take a photo of this screen.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>No queue now</source>
        <translation>No queue now</translation>
    </message>
    <message>
        <source>Nobody waiting</source>
        <translation>Nobody waiting</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>about {minutes}&#xa0;min</source>
        <translation>about {minutes}&#xa0;min</translation>
    </message>
    <message>
        <source>later</source>
        <translation>later</translation>
    </message>
    <message>
        <source>today at {time}</source>
        <translation>today at {time}</translation>
    </message>
    <message>
        <source>tomorrow at {time}</source>
        <translation>tomorrow at {time}</translation>
    </message>
    <message>
        <source>on {date} at {time}</source>
        <translation>on {date} at {time}</translation>
    </message>
    <message>
        <source>The centre is closed now</source>
        <translation>The centre is closed now</translation>
    </message>
    <message>
        <source>This service is not available now</source>
        <translation>This service is not available now</translation>
    </message>
    <message>
        <source>No more tickets for this service today</source>
        <translation>No more tickets for this service today</translation>
    </message>
    <message>
        <source>This kiosk has run out of numbers for this queue</source>
        <translation>This kiosk has run out of numbers for this queue</translation>
    </message>
    <message>
        <source>This service is no longer offered here</source>
        <translation>This service is no longer offered here</translation>
    </message>
    <message>
        <source>It opens {when}.</source>
        <translation>It opens {when}.</translation>
    </message>
    <message>
        <source>It will be available {when}.</source>
        <translation>It will be available {when}.</translation>
    </message>
    <message>
        <source>The queue could not reach you before closing time. Please come back {when}.</source>
        <translation>The queue could not reach you before closing time. Please come back {when}.</translation>
    </message>
    <message>
        <source>Please ask a consultant in the hall: they will help you get a number.</source>
        <translation>Please ask a consultant in the hall: they will help you get a number.</translation>
    </message>
    <message>
        <source>Please choose again or ask a consultant in the hall.</source>
        <translation>Please choose again or ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>You will be called very soon.</source>
        <translation>You will be called very soon.</translation>
    </message>
    <message>
        <source>Expected wait: about {minutes} min, within the {norm}-minute norm.</source>
        <translation>Expected wait: about {minutes} min, within the {norm}-minute norm.</translation>
    </message>
    <message>
        <source>Expected wait: about {minutes} min, longer than the {norm}-minute norm. If you wait more than {norm} minutes, you will be offered a free hot drink.</source>
        <translation>Expected wait: about {minutes} min, longer than the {norm}-minute norm. If you wait more than {norm} minutes, you will be offered a free hot drink.</translation>
    </message>
    <message>
        <source>Nobody is ahead of you</source>
        <translation>Nobody is ahead of you</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) ahead of you</source>
        <translation>
            <numerusform>%n person ahead of you</numerusform>
            <numerusform>%n people ahead of you</numerusform>
        </translation>
    </message>
</context>
</TS>
