<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutScreen</name>
    <message>
        <source>Every day</source>
        <translation>Every day</translation>
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
        <translation>Mon</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>round the clock</source>
        <translation>round the clock</translation>
    </message>
    <message>
        <source>About the centre</source>
        <translation>About the centre</translation>
    </message>
    <message>
        <source>Address and opening hours</source>
        <translation>Address and opening hours</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Free Wi-Fi</source>
        <translation>Free Wi-Fi</translation>
    </message>
    <message>
        <source>Network name: {name}</source>
        <translation>Network name: {name}</translation>
    </message>
    <message>
        <source>Children&apos;s corner</source>
        <translation>Children&apos;s corner</translation>
    </message>
    <message>
        <source>Services in this centre</source>
        <translation>Services in this centre</translation>
    </message>
    <message>
        <source>Our website</source>
        <translation>Our website</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera to open the centre&apos;s website.</source>
        <translation>Scan the code with your phone&apos;s camera to open the centre&apos;s website.</translation>
    </message>
</context>
<context>
    <name>AboutTile</name>
    <message>
        <source>About the centre</source>
        <translation>About the centre</translation>
    </message>
    <message>
        <source>Address, hours, Wi-Fi, children&apos;s corner, website</source>
        <translation>Address, hours, Wi-Fi, children&apos;s corner, website</translation>
    </message>
</context>
<context>
    <name>AccessibilitySwitches</name>
    <message>
        <source>Large text</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voice</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The kiosk could not save this. Please try again.</source>
        <translation>The kiosk could not save this. Please try again.</translation>
    </message>
</context>
<context>
    <name>AdminPinScreen</name>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>The kiosk cannot check PINs right now.</source>
        <translation>The kiosk cannot check PINs right now.</translation>
    </message>
    <message>
        <source>Admin mode is not set up on this kiosk. An operator sets the PINs from the command line: python main.py set-pin --role consultant</source>
        <translation>Admin mode is not set up on this kiosk. An operator sets the PINs from the command line: python main.py set-pin --role consultant</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The pad is locked until {time}.</source>
        <translation>Too many wrong PINs. The pad is locked until {time}.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more try(-ies) before the pad locks.</source>
        <translation>
            <numerusform>Wrong PIN. %n more try before the pad locks.</numerusform>
            <numerusform>Wrong PIN. %n more tries before the pad locks.</numerusform>
        </translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <source>Type your PIN and tap OK. Admin mode closes after a minute without a touch.</source>
        <translation>Type your PIN and tap OK. Admin mode closes after a minute without a touch.</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <source>Admin mode · {role}</source>
        <translation>Admin mode · {role}</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Banner</source>
        <translation>Banner</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
</context>
<context>
    <name>AdminWords</name>
    <message>
        <source>Consultant</source>
        <translation>Consultant</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nobody</translation>
    </message>
    <message>
        <source>Visitor left</source>
        <translation>Visitor left</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Wrong service</source>
        <translation>Wrong service</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <source>Time to provide the service</source>
        <translation>Time to provide the service</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>Waiting time</translation>
    </message>
    <message>
        <source>Politeness and competence</source>
        <translation>Politeness and competence</translation>
    </message>
    <message>
        <source>Comfort of the premises</source>
        <translation>Comfort of the premises</translation>
    </message>
    <message>
        <source>Information on the service</source>
        <translation>Information on the service</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>printed</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>failed: {reason}</translation>
    </message>
    <message>
        <source>waiting for the printer</source>
        <translation>waiting for the printer</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>the print queue named in the settings does not exist; tell the operator</source>
        <translation>the print queue named in the settings does not exist; tell the operator</translation>
    </message>
    <message>
        <source>the print queue is stopped (paper out, a jam or a printer error); fix the printer, then the operator enables the queue</source>
        <translation>the print queue is stopped (paper out, a jam or a printer error); fix the printer, then the operator enables the queue</translation>
    </message>
    <message>
        <source>the print queue is paused and does not take tickets; tell the operator</source>
        <translation>the print queue is paused and does not take tickets; tell the operator</translation>
    </message>
    <message>
        <source>the print service (CUPS) is not running on this kiosk; tell the operator</source>
        <translation>the print service (CUPS) is not running on this kiosk; tell the operator</translation>
    </message>
    <message>
        <source>the printer is out of paper; load a new roll</source>
        <translation>the printer is out of paper; load a new roll</translation>
    </message>
    <message>
        <source>the printer&apos;s cover is open; close it</source>
        <translation>the printer&apos;s cover is open; close it</translation>
    </message>
    <message>
        <source>the printer does not answer; check its power and cable</source>
        <translation>the printer does not answer; check its power and cable</translation>
    </message>
    <message>
        <source>the printer did not print in time; the job was cancelled</source>
        <translation>the printer did not print in time; the job was cancelled</translation>
    </message>
    <message>
        <source>the printer reports a fault; tell the operator</source>
        <translation>the printer reports a fault; tell the operator</translation>
    </message>
    <message>
        <source>System message: {details}</source>
        <translation>System message: {details}</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{value} GB</source>
        <translation>{value} GB</translation>
    </message>
    <message>
        <source>{value} MB</source>
        <translation>{value} MB</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>BannerPage</name>
    <message>
        <source>Type the message first, in Russian and in English.</source>
        <translation>Type the message first, in Russian and in English.</translation>
    </message>
    <message>
        <source>The banner is on Home now.</source>
        <translation>The banner is on Home now.</translation>
    </message>
    <message>
        <source>The banner is removed.</source>
        <translation>The banner is removed.</translation>
    </message>
    <message>
        <source>Message in Russian</source>
        <translation>Message in Russian</translation>
    </message>
    <message>
        <source>Message in English</source>
        <translation>Message in English</translation>
    </message>
    <message>
        <source>Show until:</source>
        <translation>Show until:</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 hour</translation>
    </message>
    <message>
        <source>4 hours</source>
        <translation>4 hours</translation>
    </message>
    <message>
        <source>End of today</source>
        <translation>End of today</translation>
    </message>
    <message>
        <source>End of tomorrow</source>
        <translation>End of tomorrow</translation>
    </message>
    <message>
        <source>Show on Home</source>
        <translation>Show on Home</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>No banner is shown to visitors now.</source>
        <translation>No banner is shown to visitors now.</translation>
    </message>
    <message>
        <source>Visitors see until {until}: «{text}»</source>
        <translation>Visitors see until {until}: «{text}»</translation>
    </message>
</context>
<context>
    <name>BestTimeScreen</name>
    <message>
        <source>Best time to visit</source>
        <translation>Best time to visit</translation>
    </message>
    <message>
        <source>There are not enough visits yet to tell the quietest times.</source>
        <translation>There are not enough visits yet to tell the quietest times.</translation>
    </message>
    <message>
        <source>A typical week from this kiosk&apos;s tickets, {first}–{last}.</source>
        <translation>A typical week from this kiosk&apos;s tickets, {first}–{last}.</translation>
    </message>
    <message>
        <source>A typical week of the whole centre, {first}–{last} (central server).</source>
        <translation>A typical week of the whole centre, {first}–{last} (central server).</translation>
    </message>
    <message>
        <source>Illustrative figures for the demonstration, not real visits.</source>
        <translation>Illustrative figures for the demonstration, not real visits.</translation>
    </message>
    <message>
        <source>Load by weekday and hour</source>
        <translation>Load by weekday and hour</translation>
    </message>
</context>
<context>
    <name>BestTimeTile</name>
    <message>
        <source>Best time to visit</source>
        <translation>Best time to visit</translation>
    </message>
    <message>
        <source>When the centre is quietest</source>
        <translation>When the centre is quietest</translation>
    </message>
</context>
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
    <name>CheckInScreen</name>
    <message>
        <source>The kiosk cannot check you in right now</source>
        <translation>The kiosk cannot check you in right now</translation>
    </message>
    <message>
        <source>Please ask a consultant in the hall. No ticket was taken.</source>
        <translation>Please ask a consultant in the hall. No ticket was taken.</translation>
    </message>
    <message>
        <source>The kiosk has not received today&apos;s list of appointments yet.</source>
        <translation>The kiosk has not received today&apos;s list of appointments yet.</translation>
    </message>
    <message numerus="yes">
        <source>The list of appointments was last updated %n hour(s) ago.</source>
        <translation>
            <numerusform>The list of appointments was last updated %n hour ago.</numerusform>
            <numerusform>The list of appointments was last updated %n hours ago.</numerusform>
        </translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <source>Type the booking code from your confirmation, or hold its barcode under the scanner.</source>
        <translation>Type the booking code from your confirmation, or hold its barcode under the scanner.</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>Take a normal ticket</source>
        <translation>Take a normal ticket</translation>
    </message>
    <message>
        <source>Type another code</source>
        <translation>Type another code</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>You are early</source>
        <translation>You are early</translation>
    </message>
    <message>
        <source>Your appointment is at {slot} ({service}). You can check in from {time}. Please come back then.</source>
        <translation>Your appointment is at {slot} ({service}). You can check in from {time}. Please come back then.</translation>
    </message>
    <message>
        <source>The time of your appointment has passed</source>
        <translation>The time of your appointment has passed</translation>
    </message>
    <message>
        <source>Your appointment was at {slot}, and the booking has lapsed. You can take a normal ticket for the same service ({service}) and wait in the queue.</source>
        <translation>Your appointment was at {slot}, and the booking has lapsed. You can take a normal ticket for the same service ({service}) and wait in the queue.</translation>
    </message>
    <message>
        <source>This code has already been used</source>
        <translation>This code has already been used</translation>
    </message>
    <message>
        <source>A ticket was already taken with this code: {numbers}. Please wait for it to be called, or ask a consultant in the hall.</source>
        <translation>A ticket was already taken with this code: {numbers}. Please wait for it to be called, or ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>A ticket was already taken with this code. Please ask a consultant in the hall.</source>
        <translation>A ticket was already taken with this code. Please ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>This appointment was cancelled</source>
        <translation>This appointment was cancelled</translation>
    </message>
    <message>
        <source>You can take a normal ticket for the same service ({service}) or book again.</source>
        <translation>You can take a normal ticket for the same service ({service}) or book again.</translation>
    </message>
    <message>
        <source>This appointment is at another centre</source>
        <translation>This appointment is at another centre</translation>
    </message>
    <message>
        <source>Please check the address in your confirmation. A consultant in the hall can help.</source>
        <translation>Please check the address in your confirmation. A consultant in the hall can help.</translation>
    </message>
    <message>
        <source>This appointment is for another day</source>
        <translation>This appointment is for another day</translation>
    </message>
    <message>
        <source>Your appointment is on {date}. Please come back then, or take a normal ticket today.</source>
        <translation>Your appointment is on {date}. Please come back then, or take a normal ticket today.</translation>
    </message>
    <message>
        <source>We could not find this code</source>
        <translation>We could not find this code</translation>
    </message>
    <message>
        <source>Please check the code in your confirmation and type it again, or ask a consultant in the hall.</source>
        <translation>Please check the code in your confirmation and type it again, or ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>The kiosk cannot check appointments right now</source>
        <translation>The kiosk cannot check appointments right now</translation>
    </message>
    <message>
        <source>It has not received today&apos;s list of appointments. Please ask a consultant in the hall.</source>
        <translation>It has not received today&apos;s list of appointments. Please ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>Booked visit at {time}</source>
        <translation>Booked visit at {time}</translation>
    </message>
    <message>
        <source>Booking code {code}</source>
        <translation>Booking code {code}</translation>
    </message>
    <message>
        <source>You will be called by {time} at the latest: for booked visits the wait is at most {norm} minutes.</source>
        <translation>You will be called by {time} at the latest: for booked visits the wait is at most {norm} minutes.</translation>
    </message>
</context>
<context>
    <name>CheckInTile</name>
    <message>
        <source>I have an appointment</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <source>Check in with your booking code</source>
        <translation>Check in with your booking code</translation>
    </message>
</context>
<context>
    <name>CodePad</name>
    <message>
        <source>Delete the last character</source>
        <translation>Delete the last character</translation>
    </message>
</context>
<context>
    <name>GradeWords</name>
    <message>
        <source>very bad</source>
        <translation>very bad</translation>
    </message>
    <message>
        <source>bad</source>
        <translation>bad</translation>
    </message>
    <message>
        <source>okay</source>
        <translation>okay</translation>
    </message>
    <message>
        <source>good</source>
        <translation>good</translation>
    </message>
    <message>
        <source>excellent</source>
        <translation>excellent</translation>
    </message>
    <message>
        <source>{grade} of 5, {word}</source>
        <translation>{grade} of 5, {word}</translation>
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
    <name>HomeWaitLine</name>
    <message>
        <source>Longest wait now: {band}, {norm}.</source>
        <translation>Longest wait now: {band}, {norm}.</translation>
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
    <name>OnScreenKeyboard</name>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <source>Capital letter</source>
        <translation>Capital letter</translation>
    </message>
    <message>
        <source>Switch between Russian and English letters</source>
        <translation>Switch between Russian and English letters</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <source>The two PINs differ. Type the new PIN again.</source>
        <translation>The two PINs differ. Type the new PIN again.</translation>
    </message>
    <message>
        <source>Saving the PIN…</source>
        <translation>Saving the PIN…</translation>
    </message>
    <message>
        <source>This PIN is already used by the other role. Choose another.</source>
        <translation>This PIN is already used by the other role. Choose another.</translation>
    </message>
    <message>
        <source>The kiosk could not save this. Please try again.</source>
        <translation>The kiosk could not save this. Please try again.</translation>
    </message>
    <message>
        <source>The PIN of the role «{role}» is changed.</source>
        <translation>The PIN of the role «{role}» is changed.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Centre</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>Config file</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Free disk</source>
        <translation>Free disk</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>{free} of {total}</source>
        <translation>{free} of {total}</translation>
    </message>
    <message>
        <source>Recent log (last 200 lines)</source>
        <translation>Recent log (last 200 lines)</translation>
    </message>
    <message>
        <source>The log file is empty or missing: {path}</source>
        <translation>The log file is empty or missing: {path}</translation>
    </message>
    <message>
        <source>PINs</source>
        <translation>PINs</translation>
    </message>
    <message>
        <source>Change the consultant&apos;s PIN</source>
        <translation>Change the consultant&apos;s PIN</translation>
    </message>
    <message>
        <source>Change the operator&apos;s PIN</source>
        <translation>Change the operator&apos;s PIN</translation>
    </message>
    <message>
        <source>A PIN has 4 to 12 digits.</source>
        <translation>A PIN has 4 to 12 digits.</translation>
    </message>
    <message>
        <source>New PIN for the role «{role}»:</source>
        <translation>New PIN for the role «{role}»:</translation>
    </message>
    <message>
        <source>Type the new PIN again:</source>
        <translation>Type the new PIN again:</translation>
    </message>
    <message>
        <source>Tap again to exit</source>
        <translation>Tap again to exit</translation>
    </message>
    <message>
        <source>Exit the application</source>
        <translation>Exit the application</translation>
    </message>
</context>
<context>
    <name>PackageScreen</name>
    <message>
        <source>One visit for everything: you take one ticket, and one window handles all these services one after another.</source>
        <translation>One visit for everything: you take one ticket, and one window handles all these services one after another.</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Documents to bring</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <source>Take one ticket for the whole visit</source>
        <translation>Take one ticket for the whole visit</translation>
    </message>
    <message>
        <source>Send me an SMS when my turn is near</source>
        <translation>Send me an SMS when my turn is near</translation>
    </message>
    <message>
        <source>We will send you an SMS when your turn is near.</source>
        <translation>We will send you an SMS when your turn is near.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Your passport; a consultant in the hall will tell you the rest.</source>
        <translation>Your passport; a consultant in the hall will tell you the rest.</translation>
    </message>
    <message>
        <source>The whole visit takes about {minutes} min at the window.</source>
        <translation>The whole visit takes about {minutes} min at the window.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message numerus="yes">
        <source>%n digit(s) typed</source>
        <translation>
            <numerusform>%n digit typed</numerusform>
            <numerusform>%n digits typed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Locked for %n more second(s)</source>
        <translation>
            <numerusform>Locked for %n more second</numerusform>
            <numerusform>Locked for %n more seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Locked for %n more minute(s)</source>
        <translation>
            <numerusform>Locked for %n more minute</numerusform>
            <numerusform>Locked for %n more minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Delete the last digit</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Confirm the PIN</source>
        <translation>Confirm the PIN</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>Printer test page</source>
        <translation>Printer test page</translation>
    </message>
    <message>
        <source>If you can read this, the printer works.</source>
        <translation>If you can read this, the printer works.</translation>
    </message>
    <message>
        <source>Kiosk {kiosk}</source>
        <translation>Kiosk {kiosk}</translation>
    </message>
    <message>
        <source>This is not a queue ticket</source>
        <translation>This is not a queue ticket</translation>
    </message>
    <message>
        <source>Printing a test page…</source>
        <translation>Printing a test page…</translation>
    </message>
    <message>
        <source>The test page was printed. Check that it is readable.</source>
        <translation>The test page was printed. Check that it is readable.</translation>
    </message>
    <message>
        <source>The test page was not printed: {reason}.</source>
        <translation>The test page was not printed: {reason}.</translation>
    </message>
    <message>
        <source>This kiosk has no printer</source>
        <translation>This kiosk has no printer</translation>
    </message>
    <message>
        <source>Tickets are saved as PDF files</source>
        <translation>Tickets are saved as PDF files</translation>
    </message>
    <message>
        <source>Receipt printer on the network: {address}</source>
        <translation>Receipt printer on the network: {address}</translation>
    </message>
    <message>
        <source>Receipt printer on serial port {port}</source>
        <translation>Receipt printer on serial port {port}</translation>
    </message>
    <message>
        <source>Receipt printer on USB: {ids}</source>
        <translation>Receipt printer on USB: {ids}</translation>
    </message>
    <message>
        <source>Printer: {name}</source>
        <translation>Printer: {name}</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>the default</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <source>No ticket printed today yet.</source>
        <translation>No ticket printed today yet.</translation>
    </message>
    <message>
        <source>Latest ticket {number} ({time}): {state}</source>
        <translation>Latest ticket {number} ({time}): {state}</translation>
    </message>
    <message numerus="yes">
        <source>%n failed print(s) today</source>
        <translation>
            <numerusform>%n failed print today</numerusform>
            <numerusform>%n failed prints today</numerusform>
        </translation>
    </message>
    <message>
        <source>Status: checking the printer…</source>
        <translation>Status: checking the printer…</translation>
    </message>
    <message>
        <source>Status: {state}</source>
        <translation>Status: {state}</translation>
    </message>
</context>
<context>
    <name>QuickRatingPanel</name>
    <message>
        <source>How do you like our centre? Rate us with one tap</source>
        <translation>How do you like our centre? Rate us with one tap</translation>
    </message>
    <message>
        <source>Thank you! Your rating has been counted.</source>
        <translation>Thank you! Your rating has been counted.</translation>
    </message>
    <message>
        <source>Thank you! Please wait a moment before rating again.</source>
        <translation>Thank you! Please wait a moment before rating again.</translation>
    </message>
</context>
<context>
    <name>RateServiceTile</name>
    <message>
        <source>Rate the service</source>
        <translation>Rate the service</translation>
    </message>
    <message>
        <source>After your visit: five questions, one minute</source>
        <translation>After your visit: five questions, one minute</translation>
    </message>
</context>
<context>
    <name>RatingCommentScreen</name>
    <message>
        <source>{used} of {limit} characters</source>
        <translation>{used} of {limit} characters</translation>
    </message>
    <message>
        <source>Would you like to add a few words?</source>
        <translation>Would you like to add a few words?</translation>
    </message>
    <message>
        <source>Optional. Type what went well or what we should improve, or just send your rating.</source>
        <translation>Optional. Type what went well or what we should improve, or just send your rating.</translation>
    </message>
    <message>
        <source>Your comment</source>
        <translation>Your comment</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>Send rating</translation>
    </message>
</context>
<context>
    <name>RatingCriteriaScreen</name>
    <message>
        <source>Choose a grade in at least one row. You may skip any question.</source>
        <translation>Choose a grade in at least one row. You may skip any question.</translation>
    </message>
    <message>
        <source>All five questions answered.</source>
        <translation>All five questions answered.</translation>
    </message>
    <message numerus="yes">
        <source>%n of 5 question(s) answered. You may skip the others.</source>
        <translation>
            <numerusform>%n of 5 questions answered. You may skip the others.</numerusform>
            <numerusform>%n of 5 questions answered. You may skip the others.</numerusform>
        </translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>How was your visit?</translation>
    </message>
    <message>
        <source>Time taken to provide the service</source>
        <translation>Time taken to provide the service</translation>
    </message>
    <message>
        <source>Waiting time in the queue</source>
        <translation>Waiting time in the queue</translation>
    </message>
    <message>
        <source>Politeness and competence of the staff member</source>
        <translation>Politeness and competence of the staff member</translation>
    </message>
    <message>
        <source>Comfort of the premises</source>
        <translation>Comfort of the premises</translation>
    </message>
    <message>
        <source>Availability of information on how to get the service</source>
        <translation>Availability of information on how to get the service</translation>
    </message>
    <message>
        <source>Ticket {number}: {service}</source>
        <translation>Ticket {number}: {service}</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>RatingEntryScreen</name>
    <message>
        <source>We could not read that. Please type the number from your ticket, or scan the QR code printed on it.</source>
        <translation>We could not read that. Please type the number from your ticket, or scan the QR code printed on it.</translation>
    </message>
    <message>
        <source>We could not find this ticket among today&apos;s tickets of this centre.</source>
        <translation>We could not find this ticket among today&apos;s tickets of this centre.</translation>
    </message>
    <message>
        <source>This ticket was taken on another day. Only today&apos;s tickets can be rated here.</source>
        <translation>This ticket was taken on another day. Only today&apos;s tickets can be rated here.</translation>
    </message>
    <message>
        <source>This ticket was issued by another kiosk. Please rate your visit at that kiosk.</source>
        <translation>This ticket was issued by another kiosk. Please rate your visit at that kiosk.</translation>
    </message>
    <message>
        <source>This ticket was cancelled, so it cannot be rated. If this is a mistake, please ask a consultant in the hall.</source>
        <translation>This ticket was cancelled, so it cannot be rated. If this is a mistake, please ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>This ticket has already been rated. Thank you! Each visit can be rated once.</source>
        <translation>This ticket has already been rated. Thank you! Each visit can be rated once.</translation>
    </message>
    <message>
        <source>We could not find ticket {number} among today&apos;s tickets. Please check the number on your ticket.</source>
        <translation>We could not find ticket {number} among today&apos;s tickets. Please check the number on your ticket.</translation>
    </message>
    <message>
        <source>Ticket {number} was taken on another day. Only today&apos;s tickets can be rated here.</source>
        <translation>Ticket {number} was taken on another day. Only today&apos;s tickets can be rated here.</translation>
    </message>
    <message>
        <source>Ticket {number} was issued by another kiosk in this centre. Please rate your visit at that kiosk.</source>
        <translation>Ticket {number} was issued by another kiosk in this centre. Please rate your visit at that kiosk.</translation>
    </message>
    <message>
        <source>Ticket {number} was cancelled, so it cannot be rated. If this is a mistake, please ask a consultant in the hall.</source>
        <translation>Ticket {number} was cancelled, so it cannot be rated. If this is a mistake, please ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>Ticket {number} has already been rated. Thank you! Each visit can be rated once.</source>
        <translation>Ticket {number} has already been rated. Thank you! Each visit can be rated once.</translation>
    </message>
    <message>
        <source>Rate the service</source>
        <translation>Rate the service</translation>
    </message>
    <message>
        <source>Type the number from your ticket, or hold the ticket&apos;s QR code under the scanner.</source>
        <translation>Type the number from your ticket, or hold the ticket&apos;s QR code under the scanner.</translation>
    </message>
    <message>
        <source>Your ticket number</source>
        <translation>Your ticket number</translation>
    </message>
    <message>
        <source>The number is printed in large letters at the top of your ticket. Type it on the keypad on the screen: first the letter, then the digits.</source>
        <translation>The number is printed in large letters at the top of your ticket. Type it on the keypad on the screen: first the letter, then the digits.</translation>
    </message>
    <message>
        <source>Find my ticket</source>
        <translation>Find my ticket</translation>
    </message>
</context>
<context>
    <name>RatingFlow</name>
    <message>
        <source>The kiosk cannot save your rating right now</source>
        <translation>The kiosk cannot save your rating right now</translation>
    </message>
    <message>
        <source>Please try again later or ask a consultant in the hall. Nothing was saved.</source>
        <translation>Please try again later or ask a consultant in the hall. Nothing was saved.</translation>
    </message>
</context>
<context>
    <name>RatingThanksScreen</name>
    <message>
        <source>Thank you for your rating!</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <source>Your rating of ticket {number} has been saved.</source>
        <translation>Your rating of ticket {number} has been saved.</translation>
    </message>
    <message>
        <source>Your opinion helps the centre work better.</source>
        <translation>Your opinion helps the centre work better.</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>Back to the start</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>«{service}» is paused: {reason}. Visitors see it as unavailable.</source>
        <translation>«{service}» is paused: {reason}. Visitors see it as unavailable.</translation>
    </message>
    <message>
        <source>«{service}» takes tickets again.</source>
        <translation>«{service}» takes tickets again.</translation>
    </message>
    <message>
        <source>Takes tickets</source>
        <translation>Takes tickets</translation>
    </message>
    <message>
        <source>Paused by the central office: {reason}</source>
        <translation>Paused by the central office: {reason}</translation>
    </message>
    <message>
        <source>Paused: {reason}</source>
        <translation>Paused: {reason}</translation>
    </message>
    <message>
        <source>Tap a service, then pick why it is paused. Visitors see the reason.</source>
        <translation>Tap a service, then pick why it is paused. Visitors see the reason.</translation>
    </message>
    <message>
        <source>Resume the service</source>
        <translation>Resume the service</translation>
    </message>
    <message>
        <source>No service chosen</source>
        <translation>No service chosen</translation>
    </message>
    <message>
        <source>Choose a service from the list.</source>
        <translation>Choose a service from the list.</translation>
    </message>
    <message>
        <source>Only the central office can lift this pause.</source>
        <translation>Only the central office can lift this pause.</translation>
    </message>
    <message>
        <source>Why is it paused?</source>
        <translation>Why is it paused?</translation>
    </message>
    <message>
        <source>Or change the reason:</source>
        <translation>Or change the reason:</translation>
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
        <source>Not available now: {reason}</source>
        <translation>Not available now: {reason}</translation>
    </message>
    <message>
        <source>Not available now. Opens {when}</source>
        <translation>Not available now. Opens {when}</translation>
    </message>
</context>
<context>
    <name>SmsScreen</name>
    <message>
        <source>The request could not be saved. Please ask a consultant in the hall.</source>
        <translation>The request could not be saved. Please ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>A mobile number starts with 9 after +7 and has 10 digits.</source>
        <translation>A mobile number starts with 9 after +7 and has 10 digits.</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russian</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>An SMS when your turn is near</source>
        <translation>An SMS when your turn is near</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>Your mobile number</translation>
    </message>
    <message>
        <source>Personal data (law 152-FZ): the centre uses your number only to send one SMS about this ticket. It is not printed or shown, and it is deleted after the SMS is sent, or at the end of the day.</source>
        <translation>Personal data (law 152-FZ): the centre uses your number only to send one SMS about this ticket. It is not printed or shown, and it is deleted after the SMS is sent, or at the end of the day.</translation>
    </message>
    <message>
        <source>I agree to the processing of my phone number for this SMS</source>
        <translation>I agree to the processing of my phone number for this SMS</translation>
    </message>
    <message>
        <source>Language of the SMS:</source>
        <translation>Language of the SMS:</translation>
    </message>
    <message>
        <source>Send me an SMS</source>
        <translation>Send me an SMS</translation>
    </message>
    <message>
        <source>No, thank you</source>
        <translation>No, thank you</translation>
    </message>
</context>
<context>
    <name>StandardScreen</name>
    <message>
        <source>Moscow service standard</source>
        <translation>Moscow service standard</translation>
    </message>
    <message>
        <source>Slide the text up or down with your finger.</source>
        <translation>Slide the text up or down with your finger.</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>is the longest you should wait in the queue, with or without a booking</source>
        <translation>is the longest you should wait in the queue, with or without a booking</translation>
    </message>
    <message>
        <source>If you wait longer, you will be offered a free hot drink.</source>
        <translation>If you wait longer, you will be offered a free hot drink.</translation>
    </message>
    <message>
        <source>The text of the standard is not available right now. Please ask a consultant in the hall.</source>
        <translation>The text of the standard is not available right now. Please ask a consultant in the hall.</translation>
    </message>
</context>
<context>
    <name>StandardTile</name>
    <message>
        <source>Moscow service standard</source>
        <translation>Moscow service standard</translation>
    </message>
    <message>
        <source>How we serve you and what we promise</source>
        <translation>How we serve you and what we promise</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync requested. The figures here update when it is done.</source>
        <translation>Sync requested. The figures here update when it is done.</translation>
    </message>
    <message>
        <source>No central server is set up, so nothing can be sent.</source>
        <translation>No central server is set up, so nothing can be sent.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Events set aside by the server</source>
        <translation>Events set aside by the server</translation>
    </message>
    <message>
        <source>No central server is set up: the kiosk works offline only.</source>
        <translation>No central server is set up: the kiosk works offline only.</translation>
    </message>
    <message>
        <source>Online: the last attempt reached the server.</source>
        <translation>Online: the last attempt reached the server.</translation>
    </message>
    <message>
        <source>Offline: the last attempt did not reach the server.</source>
        <translation>Offline: the last attempt did not reach the server.</translation>
    </message>
    <message>
        <source>Last successful sync: {when}</source>
        <translation>Last successful sync: {when}</translation>
    </message>
    <message>
        <source>Last attempt: {when}</source>
        <translation>Last attempt: {when}</translation>
    </message>
    <message>
        <source>Last problem: {error}</source>
        <translation>Last problem: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) waiting to be sent</source>
        <translation>
            <numerusform>%n event waiting to be sent</numerusform>
            <numerusform>%n events waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>None: the server has accepted everything sent so far.</source>
        <translation>None: the server has accepted everything sent so far.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) set aside; they are kept here and not sent again.</source>
        <translation>
            <numerusform>%n event set aside; it is kept here and not sent again.</numerusform>
            <numerusform>%n events set aside; they are kept here and not sent again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketExtrasPanel</name>
    <message>
        <source>Send me an SMS when my turn is near</source>
        <translation>Send me an SMS when my turn is near</translation>
    </message>
    <message>
        <source>We will send you an SMS when your turn is near.</source>
        <translation>We will send you an SMS when your turn is near.</translation>
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
    <name>Ticketing</name>
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
    <name>TicketsPage</name>
    <message>
        <source>Ticket {number} is cancelled: {reason}.</source>
        <translation>Ticket {number} is cancelled: {reason}.</translation>
    </message>
    <message>
        <source>Ticket {number} sent to the printer again.</source>
        <translation>Ticket {number} sent to the printer again.</translation>
    </message>
    <message>
        <source>This ticket is cancelled.</source>
        <translation>This ticket is cancelled.</translation>
    </message>
    <message>
        <source>This ticket is no longer in the kiosk.</source>
        <translation>This ticket is no longer in the kiosk.</translation>
    </message>
    <message>
        <source>Type today&apos;s ticket number (for example П17, or just 17) or scan its QR code.</source>
        <translation>Type today&apos;s ticket number (for example П17, or just 17) or scan its QR code.</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>Cancel the ticket because:</source>
        <translation>Cancel the ticket because:</translation>
    </message>
    <message>
        <source>No ticket looked up yet</source>
        <translation>No ticket looked up yet</translation>
    </message>
    <message>
        <source>No ticket with this number today</source>
        <translation>No ticket with this number today</translation>
    </message>
    <message numerus="yes">
        <source>%n tickets have this number; choose one</source>
        <translation>
            <numerusform>%n ticket has this number</numerusform>
            <numerusform>%n tickets have this number; choose one</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket found</source>
        <translation>Ticket found</translation>
    </message>
    <message>
        <source>Expected wait when taken: {minutes} min</source>
        <translation>Expected wait when taken: {minutes} min</translation>
    </message>
    <message>
        <source>Print: {state}</source>
        <translation>Print: {state}</translation>
    </message>
    <message>
        <source>Cancelled at {time}: {reason}</source>
        <translation>Cancelled at {time}: {reason}</translation>
    </message>
    <message>
        <source>Waiting to be called</source>
        <translation>Waiting to be called</translation>
    </message>
    <message>
        <source>No printer on this kiosk</source>
        <translation>No printer on this kiosk</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Tickets per hour</source>
        <translation>Tickets per hour</translation>
    </message>
    <message>
        <source>Tickets per service</source>
        <translation>Tickets per service</translation>
    </message>
    <message>
        <source>No tickets yet today.</source>
        <translation>No tickets yet today.</translation>
    </message>
    <message numerus="yes">
        <source>tickets today, %n cancelled</source>
        <translation>
            <numerusform>tickets today, %n cancelled</numerusform>
            <numerusform>tickets today, %n cancelled</numerusform>
        </translation>
    </message>
    <message>
        <source>people waiting now</source>
        <translation>people waiting now</translation>
    </message>
    <message>
        <source>average expected wait</source>
        <translation>average expected wait</translation>
    </message>
    <message numerus="yes">
        <source>longest expected wait; %n over 15 min</source>
        <translation>
            <numerusform>longest expected wait; %n ticket over 15 min</numerusform>
            <numerusform>longest expected wait; %n tickets over 15 min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ratings of tickets today: %n</source>
        <translation>
            <numerusform>Ratings of tickets today: %n</numerusform>
            <numerusform>Ratings of tickets today: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Quick ratings (without a ticket): none yet today.</source>
        <translation>Quick ratings (without a ticket): none yet today.</translation>
    </message>
    <message numerus="yes">
        <source>Quick ratings (without a ticket): %n, average {average}, rated 4–5: {share}</source>
        <translation>
            <numerusform>Quick ratings (without a ticket): %n, average {average}, rated 4–5: {share}</numerusform>
            <numerusform>Quick ratings (without a ticket): %n, average {average}, rated 4–5: {share}</numerusform>
        </translation>
    </message>
    <message>
        <source>Booking codes checked in more than once today (kiosks offline at the time); please find the visitors and keep one ticket each:</source>
        <translation>Booking codes checked in more than once today (kiosks offline at the time); please find the visitors and keep one ticket each:</translation>
    </message>
    <message>
        <source>code {code}, booked for {time}: tickets {numbers}</source>
        <translation>code {code}, booked for {time}: tickets {numbers}</translation>
    </message>
    <message>
        <source>The kiosk&apos;s disk is full: {free} free. No tickets are issued until the operator frees space.</source>
        <translation>The kiosk&apos;s disk is full: {free} free. No tickets are issued until the operator frees space.</translation>
    </message>
    <message>
        <source>Little space left on the kiosk&apos;s disk: {free} free. Below {refuse} the kiosk stops issuing tickets; tell the operator.</source>
        <translation>Little space left on the kiosk&apos;s disk: {free} free. Below {refuse} the kiosk stops issuing tickets; tell the operator.</translation>
    </message>
    <message>
        <source>The kiosk cannot measure its free disk space; tell the operator.</source>
        <translation>The kiosk cannot measure its free disk space; tell the operator.</translation>
    </message>
    <message>
        <source>{average} · {share} rated 4–5</source>
        <translation>{average} · {share} rated 4–5</translation>
    </message>
    <message>
        <source>No grades yet today; the target is {target} rated 4–5.</source>
        <translation>No grades yet today; the target is {target} rated 4–5.</translation>
    </message>
    <message>
        <source>Rated 4–5: {share}. Target {target} reached.</source>
        <translation>Rated 4–5: {share}. Target {target} reached.</translation>
    </message>
    <message>
        <source>Rated 4–5: {share}. Below the {target} target.</source>
        <translation>Rated 4–5: {share}. Below the {target} target.</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>● Online · synced {time}</source>
        <translation>● Online · synced {time}</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Offline · last sync {time}</source>
        <translation>○ Offline · last sync {time}</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
</context>
<context>
    <name>VisitExtras</name>
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
    <name>Voice</name>
    <message>
        <source>Your number is {letter} {number}</source>
        <translation>Your number is {letter} {number}</translation>
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
        <source>This service is paused</source>
        <translation>This service is paused</translation>
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
        <source>Please ask a consultant in the hall.</source>
        <translation>Please ask a consultant in the hall.</translation>
    </message>
    <message>
        <source>closed today</source>
        <translation>closed today</translation>
    </message>
    <message>
        <source>technical failure</source>
        <translation>technical failure</translation>
    </message>
    <message>
        <source>no specialist available</source>
        <translation>no specialist available</translation>
    </message>
    <message>
        <source>system maintenance</source>
        <translation>system maintenance</translation>
    </message>
    <message>
        <source>temporarily unavailable</source>
        <translation>temporarily unavailable</translation>
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
