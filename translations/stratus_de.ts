<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MainWindow</name>
    <message>
        <source>Stratus</source>
        <translation>Stratus</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Dokumentation</translation>
    </message>
    <message>
        <source>&amp;Report a Problem…</source>
        <translation>Problem &amp;melden …</translation>
    </message>
    <message>
        <source>&amp;About Stratus</source>
        <translation>Ü&amp;ber Stratus</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AboutDialog</name>
    <message>
        <source>About Stratus</source>
        <translation>Über Stratus</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Stratus %1&lt;/h3&gt;&lt;p&gt;A native desktop client for Cloudinary.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;&lt;p&gt;Licensed under the MIT License.&lt;/p&gt;&lt;p&gt;Report problems: &lt;a href="%4"&gt;%4&lt;/a&gt;&lt;br&gt;Documentation: &lt;a href="%5"&gt;%5&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Stratus %1&lt;/h3&gt;&lt;p&gt;Ein nativer Desktop-Client für Cloudinary.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2 (läuft mit Qt %3).&lt;/p&gt;&lt;p&gt;Lizenziert unter der MIT-Lizenz.&lt;/p&gt;&lt;p&gt;Probleme melden: &lt;a href="%4"&gt;%4&lt;/a&gt;&lt;br&gt;Dokumentation: &lt;a href="%5"&gt;%5&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MainWindow</name>
    <message>
        <source>No product environment yet</source>
        <translation>Noch keine Produktumgebung</translation>
    </message>
</context>
<context>
    <name>stratus::gui::WelcomePage</name>
    <message>
        <source>Welcome to Stratus</source>
        <translation>Willkommen bei Stratus</translation>
    </message>
    <message>
        <source>Stratus is a fast desktop home for the images, videos and files you keep in Cloudinary: browse, search, upload and transform them across all your accounts and product environments.</source>
        <translation>Stratus ist ein schnelles Zuhause auf dem Desktop für die Bilder, Videos und Dateien, die Sie in Cloudinary aufbewahren: Durchsuchen, suchen, hochladen und transformieren – über alle Ihre Konten und Produktumgebungen hinweg.</translation>
    </message>
</context>
</TS>
