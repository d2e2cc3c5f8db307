"""The kiosk's Qt user interface: screens, widgets, printing and the application shell."""
