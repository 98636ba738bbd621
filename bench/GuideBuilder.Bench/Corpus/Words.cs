namespace GuideBuilder.Bench.Corpus;

/// <summary>Word lists the generated guides are assembled from. Written for this project.</summary>
internal static class Words
{
    public static readonly string[] Categories = ["windows", "networking", "printers", "browsers", "phones", "email", "security", "storage"];

    /// <summary>Things a guide is about, per category (index matches <see cref="Categories"/>).</summary>
    public static readonly string[][] Subjects =
    [
        ["Start menu", "taskbar", "File Explorer", "Settings app", "lock screen", "display scaling", "startup apps", "notification center", "clipboard history", "virtual desktops", "power plan", "system restore"],
        ["router", "Wi-Fi adapter", "mesh network", "DNS server", "guest network", "network drive", "VPN connection", "Ethernet port", "hotspot", "firewall rule", "IP address", "port forwarding"],
        ["printer driver", "print queue", "scanner", "paper tray", "ink cartridge", "duplex printing", "wireless printer", "label printer", "print spooler", "photo printer", "fax setup", "printer sharing"],
        ["bookmarks bar", "browser cache", "pop-up blocker", "download folder", "saved passwords", "reading mode", "private window", "browser extension", "home page", "tab groups", "site permissions", "autofill"],
        ["phone backup", "screen time", "Bluetooth pairing", "mobile data", "voicemail", "ringtone", "app updates", "photo sync", "battery saver", "call forwarding", "screen mirroring", "storage cleanup"],
        ["mail filter", "signature", "spam folder", "shared calendar", "mail archive", "auto reply", "contact list", "mail rules", "attachment limit", "inbox tabs", "alias address", "read receipts"],
        ["two-step sign-in", "password manager", "recovery code", "antivirus scan", "account activity", "device encryption", "security key", "login alerts", "app permissions", "screen lock", "trusted devices", "backup codes"],
        ["external drive", "cloud folder", "disk cleanup", "file history", "memory card", "partition", "photo library", "backup schedule", "shared folder", "compressed folder", "recycle bin", "drive health"],
    ];

    public static readonly string[] Verbs = ["set up", "reset", "fix", "change", "turn off", "turn on", "clean up", "move", "check", "speed up", "restore", "share", "rename", "update", "protect", "find"];
    public static readonly string[] Gerunds = ["working", "responding", "syncing", "saving", "loading", "connecting", "showing up", "updating"];
    public static readonly string[] Adjectives = ["quick", "simple", "safe", "hidden", "built-in", "reliable", "tidy", "clear", "short", "careful", "gentle", "thorough"];
    public static readonly string[] Places = ["laptop", "desktop PC", "tablet", "home office", "small business", "family computer", "work account", "shared PC"];
    public static readonly string[] Buttons = ["Save", "Apply", "Next", "Done", "Advanced", "Options", "Details", "Continue", "Open", "Remove", "Add device", "Change", "Properties", "Restart now", "Sign in", "Manage"];
    public static readonly string[] Menus = ["General", "Privacy", "Devices", "Accounts", "Display", "Sound", "Network", "Storage", "Updates", "Sharing", "System", "Security"];
    public static readonly string[] Modifiers = ["Ctrl", "Alt", "Shift", "Win"];
    public static readonly string[] Keys = ["A", "C", "D", "E", "F", "I", "L", "P", "R", "S", "V", "X", "Z", "Tab", "Esc", "Enter", "Delete", "F5", "F11", "Space"];
    public static readonly string[] Tags = ["troubleshooting", "settings", "privacy", "backup", "shortcuts", "beginners", "maintenance", "performance", "wireless", "accounts", "updates", "cleanup", "sharing", "hardware", "tips", "setup"];

    public static readonly string[] Openers =
    [
        "Most people only notice the {s} when something goes wrong with it.",
        "The {s} on a {p} tends to collect odd settings over the years.",
        "A misbehaving {s} can waste an afternoon if you do not know where to look.",
        "There is a {a} way to {v} the {s}, and it takes only a few minutes.",
        "You do not need extra software to {v} the {s} on a {p}.",
        "If the {s} keeps {g} badly, the cause is usually a setting rather than a fault.",
    ];

    public static readonly string[] Fillers =
    [
        "Write down what you change so you can put it back later.",
        "The menus look slightly different between versions, but the names stay the same.",
        "Close any program that uses the {s} before you start.",
        "On a {p} the whole job usually takes less than five minutes.",
        "Nothing here deletes your files, and every step can be undone.",
        "A restart afterwards makes sure the new setting is picked up everywhere.",
        "If a button is greyed out, your account may need administrator rights.",
        "Keep the {s} up to date, since many problems disappear after an update.",
        "The {a} option is often hidden one level deeper than you expect.",
        "When in doubt, compare the setting with another {p} that works.",
        "Some vendors add their own tools, but the built-in ones are enough here.",
        "It helps to check the {s} again a day later to confirm the fix held.",
        "A slow {s} is rarely broken; it is usually just busy with something else.",
        "Take a screenshot of the current settings before you touch anything.",
    ];

    public static readonly string[] StepTemplates =
    [
        "Open the **{m}** page and select **{b}**.",
        "Press {k} to open the {s} panel.",
        "Click **{b}** next to the {s} entry.",
        "Choose **{m}** in the left column, then scroll to the {s} section.",
        "Turn the {s} switch off, wait ten seconds and turn it on again.",
        "Select the {s} in the list and press {k}.",
        "Confirm with **{b}** and close the window.",
        "Type the new name in the box and press **Enter**.",
        "Check the status line under **{m}**; it should now read **Ready**.",
        "Restart the {p} and open the {s} once more to verify.",
    ];

    public static readonly string[] SectionHeadings =
    [
        "Why the {s} stops {g}",
        "Before you change the {s}",
        "What you need first",
        "Check the {s} settings",
        "Common mistakes with the {s}",
        "Keep the {s} in good shape",
        "When the steps do not help",
        "Undo the change later",
    ];

    public static readonly string[] FarmWords = ["Ultimate", "Easy", "Proven", "Secret", "Essential", "Complete", "Fast", "Smart", "Updated", "Expert"];
    public static readonly string[] FarmTopics = ["Video Editing Tricks", "Gaming Fixes", "Photo Filters", "Phone Deals", "Streaming Picks", "Laptop Reviews", "Camera Settings", "Music Apps", "Driver Updates", "Travel Gadgets"];
    public static readonly string[] AdNetworks = ["sjv.io", "pxf.io", "8odi.net"];
    public static readonly string[] Merchants = ["gadgetmart", "cleanpcpro", "photohaus", "vpnzone", "tabletworld", "drivefixer", "softkeyshop", "inkdepot"];
}
