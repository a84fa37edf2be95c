<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <source>Folder mode</source>
        <translation>Ordnermodus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit Label</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Log &amp;Out…</source>
        <translation>Ab&amp;melden …</translation>
    </message>
    <message>
        <source>Log &amp;In…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Console &amp;E-mail…</source>
        <translation>Konsolen-&amp;E-Mail…</translation>
    </message>
</context>
<context>
    <name>AddEnvironmentDialog</name>
    <message>
        <source>Add Product Environment</source>
        <translation>Produktumgebung hinzufügen</translation>
    </message>
    <message>
        <source>Stratus tests the credentials before it saves anything. The API secret is kept in your keychain only.</source>
        <translation>Stratus prüft die Zugangsdaten, bevor etwas gespeichert wird. Das API-Geheimnis wird ausschließlich im Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>From &amp;URL</source>
        <translation>Per &amp;URL</translation>
    </message>
    <message>
        <source>Paste the API environment variable from the Cloudinary Console (Settings → API Keys).</source>
        <translation>Die API-Umgebungsvariable aus der Cloudinary Console einfügen (Settings → API Keys).</translation>
    </message>
    <message>
        <source>CLOUDINARY_UR&amp;L:</source>
        <translation>CLOUDINARY_UR&amp;L:</translation>
    </message>
    <message>
        <source>cloudinary://API_KEY:API_SECRET@CLOUD_NAME</source>
        <translation>cloudinary://API_KEY:API_SECRET@CLOUD_NAME</translation>
    </message>
    <message>
        <source>From &amp;Keys</source>
        <translation>Per &amp;Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Cloud name:</source>
        <translation>&amp;Cloud-Name:</translation>
    </message>
    <message>
        <source>API ke&amp;y:</source>
        <translation>&amp;API-Schlüssel:</translation>
    </message>
    <message>
        <source>API &amp;secret:</source>
        <translation>API-&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>API &amp;host (optional):</source>
        <translation>API-H&amp;ost (optional):</translation>
    </message>
    <message>
        <source>https://api.cloudinary.com</source>
        <translation>https://api.cloudinary.com</translation>
    </message>
    <message>
        <source>Only for a private or local server: the upload_prefix of its CLOUDINARY_URL.</source>
        <translation>Nur für einen privaten oder lokalen Server: das upload_prefix aus dessen CLOUDINARY_URL.</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Speichern als</translation>
    </message>
    <message>
        <source>Environment &amp;name:</source>
        <translation>Umgebungs&amp;name:</translation>
    </message>
    <message>
        <source>The cloud name</source>
        <translation>Der Cloud-Name</translation>
    </message>
    <message>
        <source>Acc&amp;ount:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Account la&amp;bel:</source>
        <translation>Konto&amp;bezeichnung:</translation>
    </message>
    <message>
        <source>For example “Work” or the company’s name</source>
        <translation>Zum Beispiel „Arbeit“ oder der Firmenname</translation>
    </message>
</context>
<context>
    <name>BrowserPage</name>
    <message>
        <source>Show thumbnails</source>
        <translation>Vorschaubilder anzeigen</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Show a sortable list with details</source>
        <translation>Sortierbare Liste mit Details anzeigen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>&amp;Zoom</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>Größe der Vorschaubilder</translation>
    </message>
    <message>
        <source>Search names, tags, context (Ctrl+F)</source>
        <translation>Namen, Tags, Kontext durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>Download the selected assets to a folder</source>
        <translation>Ausgewählte Assets in einen Ordner herunterladen</translation>
    </message>
    <message>
        <source>Delete the selected assets from Cloudinary</source>
        <translation>Ausgewählte Assets aus Cloudinary löschen</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Asset details</source>
        <translation>Asset-Details</translation>
    </message>
    <message>
        <source>Offline notice</source>
        <translation>Offline-Hinweis</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Select an asset to see its details.</source>
        <translation>Ein Asset auswählen, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Add a tag…</source>
        <translation>Tag hinzufügen …</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>Neues Tag</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>Delete or Backspace removes the selected tags</source>
        <translation>Entf oder Rücktaste entfernt die ausgewählten Tags</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected tags</source>
        <translation>Ausgewählte Tags entfernen</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add a context entry</source>
        <translation>Kontexteintrag hinzufügen</translation>
    </message>
    <message>
        <source>Remove the selected context entries</source>
        <translation>Ausgewählte Kontexteinträge entfernen</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Transformation</source>
        <translation>Transformation</translation>
    </message>
    <message>
        <source>A transformation for the copied link, e.g. c_fill,w_400,h_400; empty for the original</source>
        <translation>Eine Transformation für den kopierten Link, z.&#xa0;B. c_fill,w_400,h_400; leer für das Original</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Copy the delivery URL</source>
        <translation>Auslieferungs-URL kopieren</translation>
    </message>
    <message>
        <source>Open in Browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>Open the delivery URL in the web browser</source>
        <translation>Auslieferungs-URL im Webbrowser öffnen</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Speicherstatus</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Wird gespeichert</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Revert the unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Selected assets</source>
        <translation>Ausgewählte Assets</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <source>Describes the picture for people who cannot see it (context key “alt”)</source>
        <translation>Beschreibt das Bild für Menschen, die es nicht sehen können (Kontextschlüssel „alt“)</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Bildunterschrift</translation>
    </message>
    <message>
        <source>The caption shown with the asset (context key “caption”)</source>
        <translation>Die zusammen mit dem Asset angezeigte Bildunterschrift (Kontextschlüssel „caption“)</translation>
    </message>
    <message>
        <source>Structured metadata</source>
        <translation>Strukturierte Metadaten</translation>
    </message>
    <message>
        <source>Other context</source>
        <translation>Weiterer Kontext</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technisch</translation>
    </message>
    <message>
        <source>Public ID, version, ETag, asset ID, delivery type and URL</source>
        <translation>Public ID, Version, ETag, Asset-ID, Auslieferungstyp und URL</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Technische Details</translation>
    </message>
</context>
<context>
    <name>LinkOpener</name>
    <message>
        <source>No E-mail Program</source>
        <translation>Kein E-Mail-Programm</translation>
    </message>
    <message>
        <source>No Web Browser</source>
        <translation>Kein Webbrowser</translation>
    </message>
    <message>
        <source>Stratus found no e-mail program to write to this address. Copy it into the one you use:</source>
        <translation>Stratus hat kein E-Mail-Programm gefunden, um an diese Adresse zu schreiben. Die Adresse in das verwendete E-Mail-Programm kopieren:</translation>
    </message>
    <message>
        <source>Stratus found no web browser to open this address. Copy it into the browser you use:</source>
        <translation>Stratus hat keinen Webbrowser gefunden, um diese Adresse zu öffnen. Die Adresse in den verwendeten Browser kopieren:</translation>
    </message>
    <message>
        <source>&amp;Copy Address</source>
        <translation>Adresse &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>LogInDialog</name>
    <message>
        <source>Log In</source>
        <translation>Anmelden</translation>
    </message>
</context>
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
    <message>
        <source>&amp;Environment</source>
        <translation>&amp;Umgebung</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Konten …</translation>
    </message>
    <message>
        <source>Add, test, log out of or remove accounts and environments</source>
        <translation>Konten und Umgebungen hinzufügen, testen, abmelden oder entfernen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Add A&amp;ccount…</source>
        <translation>Konto &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Switch Environment…</source>
        <translation>Umgebung &amp;wechseln …</translation>
    </message>
    <message>
        <source>Open the environment switcher</source>
        <translation>Umgebungsauswahl öffnen</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>&amp;Upload Files…</source>
        <translation>&amp;Dateien hochladen …</translation>
    </message>
    <message>
        <source>Upload files to the folder shown (you can also drop files on the window)</source>
        <translation>Dateien in den angezeigten Ordner hochladen (Dateien lassen sich auch auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>Upload &amp;Folder…</source>
        <translation>&amp;Ordner hochladen …</translation>
    </message>
    <message>
        <source>Upload a folder and everything in it to the folder shown</source>
        <translation>Einen Ordner mit seinem gesamten Inhalt in den angezeigten Ordner hochladen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <source>Ctrl+Alt+U</source>
        <translation>Ctrl+Alt+U</translation>
    </message>
    <message>
        <source>&amp;Transfers</source>
        <translation>&amp;Übertragungen</translation>
    </message>
    <message>
        <source>Show or hide the Transfers dock (uploads and downloads)</source>
        <translation>Bereich „Übertragungen“ ein- oder ausblenden (Uploads und Downloads)</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Cloud name:</source>
        <translation>Cloud-Name:</translation>
    </message>
    <message>
        <source>Folder mode:</source>
        <translation>Ordnermodus:</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Verbindung:</translation>
    </message>
    <message>
        <source>Catalogue:</source>
        <translation>Katalog:</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Letzter Abgleich:</translation>
    </message>
    <message>
        <source>Plan and usage:</source>
        <translation>Tarif und Nutzung:</translation>
    </message>
    <message>
        <source>Rate limit:</source>
        <translation>Aufruflimit:</translation>
    </message>
    <message>
        <source>Limited access:</source>
        <translation>Eingeschränkter Zugriff:</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
</context>
<context>
    <name>ProvisioningPage</name>
    <message>
        <source>With the account’s provisioning credentials (Cloudinary Console → Settings → Account API Keys) Stratus lists the account’s product environments; tick the ones to add.</source>
        <translation>Mit den Provisioning-Zugangsdaten des Kontos (Cloudinary Console → Settings → Account API Keys) listet Stratus dessen Produktumgebungen auf; die hinzuzufügenden einfach ankreuzen.</translation>
    </message>
    <message>
        <source>CLOUDINARY_ACCOUNT_UR&amp;L:</source>
        <translation>CLOUDINARY_ACCOUNT_UR&amp;L:</translation>
    </message>
    <message>
        <source>account://KEY:SECRET@ACCOUNT_ID</source>
        <translation>account://KEY:SECRET@ACCOUNT_ID</translation>
    </message>
    <message>
        <source>or</source>
        <translation>oder</translation>
    </message>
    <message>
        <source>Account &amp;ID:</source>
        <translation>Konto-&amp;ID:</translation>
    </message>
    <message>
        <source>Provisioning ke&amp;y:</source>
        <translation>Pro&amp;visioning-Schlüssel:</translation>
    </message>
    <message>
        <source>Provisioning &amp;secret:</source>
        <translation>Provisioning-&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>Find &amp;Environments</source>
        <translation>Umgebungen &amp;finden</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Cloud name</source>
        <translation>Cloud-Name</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API-Geheimnis</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Stratus uses a new language after a restart.</source>
        <translation>Eine neue Sprache wird nach einem Neustart von Stratus wirksam.</translation>
    </message>
    <message>
        <source>Network Proxy</source>
        <translation>Netzwerk-Proxy</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>S&amp;ystemstandard</translation>
    </message>
    <message>
        <source>&amp;No proxy</source>
        <translation>&amp;Kein Proxy</translation>
    </message>
    <message>
        <source>&amp;Manual proxy</source>
        <translation>&amp;Manueller Proxy</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation>proxy.example.com</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;User (optional):</source>
        <translation>&amp;Benutzer (optional):</translation>
    </message>
    <message>
        <source>Transfers and Cache</source>
        <translation>Übertragungen und Cache</translation>
    </message>
    <message>
        <source>Parallel &amp;transfers:</source>
        <translation>&amp;Gleichzeitige Übertragungen:</translation>
    </message>
    <message>
        <source>Thumbnail &amp;cache:</source>
        <translation>&amp;Vorschaubild-Cache:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>&amp;Ask for upload options for files dropped on or opened with Stratus</source>
        <translation>Für auf Stratus abgelegte oder damit geöffnete Dateien nach Upload-Optionen &amp;fragen</translation>
    </message>
    <message>
        <source>Unticked, such files are uploaded at once with the last options, into the folder shown or dropped on</source>
        <translation>Wenn nicht angekreuzt, werden solche Dateien sofort mit den zuletzt verwendeten Optionen hochgeladen, in den angezeigten Ordner oder den Ordner, auf den sie gezogen wurden</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>&amp;Erscheinungsbild:</translation>
    </message>
    <message>
        <source>Show Closed &amp;Messages Again</source>
        <translation>Geschlossene Meldungen wieder &amp;anzeigen</translation>
    </message>
    <message>
        <source>Show the welcome messages you closed again, such as the Local sandbox&apos;s</source>
        <translation>Geschlossene Begrüßungsmeldungen wieder anzeigen, etwa die der lokalen Sandbox</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>The password is kept in your keychain, never in the settings file.</source>
        <translation>Das Passwort wird im Schlüsselbund aufbewahrt, nie in der Einstellungsdatei.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A desktop client for Cloudinary.</source>
        <translation>Ein Desktop-Client für Cloudinary.</translation>
    </message>
    <message>
        <source>Do not start the local sandbox.</source>
        <translation>Die lokale Sandbox nicht starten.</translation>
    </message>
    <message>
        <source>Local sandbox</source>
        <translation>Lokale Sandbox</translation>
    </message>
    <message>
        <source>The local sandbox could not start: %1</source>
        <translation>Die lokale Sandbox konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Your accounts could not be read: %1
Stratus will not change them.</source>
        <translation>Die Konten konnten nicht gelesen werden: %1
Stratus nimmt keine Änderungen daran vor.</translation>
    </message>
    <message>
        <source>Files or folders to upload to the current environment: the upload options open with the folder shown chosen.</source>
        <translation>Dateien oder Ordner, die in die aktuelle Umgebung hochgeladen werden sollen: Die Upload-Optionen öffnen sich mit dem angezeigten Ordner als Ziel.</translation>
    </message>
</context>
<context>
    <name>stratus::app::LocalSandbox</name>
    <message>
        <source>Local sandbox</source>
        <translation>Lokale Sandbox</translation>
    </message>
</context>
<context>
    <name>stratus::app::SandboxWorker</name>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Cannot listen on 127.0.0.1.</source>
        <translation>Auf 127.0.0.1 kann nicht gelauscht werden.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AboutDialog</name>
    <message>
        <source>About Stratus</source>
        <translation>Über Stratus</translation>
    </message>
    <message>
        <source>Uses Qt %1</source>
        <translation>Verwendet Qt %1</translation>
    </message>
    <message>
        <source>Uses Qt %1 (built with Qt %2)</source>
        <translation>Verwendet Qt %1 (erstellt mit Qt %2)</translation>
    </message>
    <message>
        <source>&lt;h2 style=&quot;margin-bottom:0&quot;&gt;Stratus&lt;/h2&gt;&lt;p style=&quot;margin-top:2px&quot;&gt;Version %1&lt;/p&gt;&lt;p&gt;A native desktop client for Cloudinary.&lt;/p&gt;&lt;p&gt;%2&lt;br&gt;Licensed under the MIT License.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Help and support&lt;/b&gt;&lt;br&gt;E-mail: &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;&lt;br&gt;Issue tracker: &lt;a href=&quot;%4&quot;&gt;%4&lt;/a&gt;&lt;/p&gt;&lt;p&gt;The user guide is under Help → Documentation (F1).&lt;/p&gt;</source>
        <translation>&lt;h2 style=&quot;margin-bottom:0&quot;&gt;Stratus&lt;/h2&gt;&lt;p style=&quot;margin-top:2px&quot;&gt;Version %1&lt;/p&gt;&lt;p&gt;Ein nativer Desktop-Client für Cloudinary.&lt;/p&gt;&lt;p&gt;%2&lt;br&gt;Lizenziert unter der MIT-Lizenz.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Hilfe und Support&lt;/b&gt;&lt;br&gt;E-Mail: &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;&lt;br&gt;Issue-Tracker: &lt;a href=&quot;%4&quot;&gt;%4&lt;/a&gt;&lt;/p&gt;&lt;p&gt;Das Benutzerhandbuch befindet sich unter Hilfe → Dokumentation (F1).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AccountMessages</name>
    <message>
        <source>An environment (entry %1)</source>
        <translation>Eine Umgebung (Eintrag %1)</translation>
    </message>
    <message>
        <source>An account (entry %1)</source>
        <translation>Ein Konto (Eintrag %1)</translation>
    </message>
    <message>
        <source>The environment “%1” (entry %2)</source>
        <translation>Die Umgebung „%1“ (Eintrag %2)</translation>
    </message>
    <message>
        <source>The account “%1” (entry %2)</source>
        <translation>Das Konto „%1“ (Eintrag %2)</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Bitte einen Namen eingeben.</translation>
    </message>
    <message>
        <source>A name must not contain control characters, line breaks or text-direction marks, which could break it up or make it look like another name. This one has %1 at position %2.</source>
        <translation>Ein Name darf keine Steuerzeichen, Zeilenumbrüche oder Schreibrichtungszeichen enthalten, die ihn zerreißen oder wie einen anderen Namen aussehen lassen könnten. Dieser enthält %1 an Position %2.</translation>
    </message>
    <message>
        <source>product environments</source>
        <translation>Produktumgebungen</translation>
    </message>
    <message>
        <source>accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Stratus could not read these saved entries in %1. They are kept unchanged and not used; correct or remove them in that file and restart Stratus to use them.</source>
        <translation>Stratus konnte diese gespeicherten Einträge in %1 nicht lesen. Sie bleiben unverändert erhalten und werden nicht verwendet; um sie zu nutzen, sie in dieser Datei berichtigen oder entfernen und Stratus neu starten.</translation>
    </message>
    <message>
        <source>Stratus found a small inconsistency in %1 and corrects it at the next change; nothing in it was lost.</source>
        <translation>Stratus hat in %1 eine kleine Unstimmigkeit gefunden und berichtigt sie bei der nächsten Änderung; nichts davon ging verloren.</translation>
    </message>
    <message>
        <source>This address sends your API secret &lt;b&gt;unencrypted&lt;/b&gt; (plain http) to %1, which is another computer: anyone on the networks in between can read it and use your account. Use an https:// address if the server offers one.</source>
        <translation>Diese Adresse sendet das API-Geheimnis &lt;b&gt;unverschlüsselt&lt;/b&gt; (reines http) an %1, einen anderen Computer: Jeder in den Netzen dazwischen kann es mitlesen und das Konto benutzen. Wenn der Server es anbietet, eine https://-Adresse verwenden.</translation>
    </message>
    <message>
        <source>Send the API secret unencrypted to %1 anyway</source>
        <translation>API-Geheimnis trotzdem unverschlüsselt an %1 senden</translation>
    </message>
    <message>
        <source>This address would send the API secret unencrypted to %1. Tick “%2” if you trust every network in between, or use an https:// address.</source>
        <translation>Diese Adresse würde das API-Geheimnis unverschlüsselt an %1 senden. „%2“ ankreuzen, wenn allen Netzen dazwischen vertraut wird, oder eine https://-Adresse verwenden.</translation>
    </message>
    <message numerus="yes">
        <source>%n saved entry(s) unreadable — &lt;a href=&quot;#accounts&quot;&gt;see Accounts&lt;/a&gt;</source>
        <translation>
            <numerusform>%n gespeicherter Eintrag unlesbar — &lt;a href=&quot;#accounts&quot;&gt;siehe Konten&lt;/a&gt;</numerusform>
            <numerusform>%n gespeicherte Einträge unlesbar — &lt;a href=&quot;#accounts&quot;&gt;siehe Konten&lt;/a&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>The list of %1: %2</source>
        <translation>Die Liste der %1: %2</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AccountsDialog</name>
    <message>
        <source>Accounts and product environments</source>
        <translation>Konten und Produktumgebungen</translation>
    </message>
    <message>
        <source>Add a product environment</source>
        <translation>Eine Produktumgebung hinzufügen</translation>
    </message>
    <message>
        <source>Rename the account or environment</source>
        <translation>Konto oder Umgebung umbenennen</translation>
    </message>
    <message>
        <source>Test the credentials against Cloudinary</source>
        <translation>Zugangsdaten bei Cloudinary prüfen</translation>
    </message>
    <message>
        <source>Remove the account’s secrets from this computer until you log in again</source>
        <translation>Die Geheimnisse des Kontos bis zur nächsten Anmeldung von diesem Computer entfernen</translation>
    </message>
    <message>
        <source>Enter the account’s secrets again</source>
        <translation>Die Geheimnisse des Kontos erneut eingeben</translation>
    </message>
    <message>
        <source>Remove from Stratus; nothing changes in Cloudinary</source>
        <translation>Aus Stratus entfernen; in Cloudinary ändert sich nichts</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Local sandbox (on this computer)</source>
        <translation>Lokale Sandbox (auf diesem Computer)</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>Integriert</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <source>Limited access</source>
        <translation>Eingeschränkter Zugriff</translation>
    </message>
    <message>
        <source>Tested %1</source>
        <translation>Getestet am %1</translation>
    </message>
    <message>
        <source>Not tested yet</source>
        <translation>Noch nicht getestet</translation>
    </message>
    <message>
        <source>S&amp;top Test</source>
        <translation>&amp;Test abbrechen</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>The local sandbox runs inside Stratus on this computer and keeps no secrets in your keychain, so there is nothing to log out of.</source>
        <translation>Die lokale Sandbox läuft innerhalb von Stratus auf diesem Computer und legt keine Geheimnisse im Schlüsselbund ab, daher gibt es nichts abzumelden.</translation>
    </message>
    <message>
        <source>The local sandbox is part of Stratus and cannot be removed.</source>
        <translation>Die lokale Sandbox ist Teil von Stratus und kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>No accounts yet. Choose “Add…” to add a product environment.</source>
        <translation>Noch keine Konten. Mit „Hinzufügen …“ eine Produktumgebung hinzufügen.</translation>
    </message>
    <message>
        <source>A Cloudinary-compatible server that runs inside Stratus on this computer, with sample media, so Stratus is useful before any account exists. It cannot be logged out or removed.</source>
        <translation>Ein Cloudinary-kompatibler Server mit Beispielmedien, der innerhalb von Stratus auf diesem Computer läuft – so ist Stratus schon ohne Konto nützlich. Er kann weder abgemeldet noch entfernt werden.</translation>
    </message>
    <message>
        <source>Logged in.</source>
        <translation>Angemeldet.</translation>
    </message>
    <message>
        <source>Logged out: its secrets are not on this computer.</source>
        <translation>Abgemeldet: Die Geheimnisse befinden sich nicht auf diesem Computer.</translation>
    </message>
    <message numerus="yes">
        <source>%n product environment(s).</source>
        <translation>
            <numerusform>%n Produktumgebung.</numerusform>
            <numerusform>%n Produktumgebungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Provisioning credentials of account %1 are kept in your keychain.</source>
        <translation>Die Provisioning-Zugangsdaten von Konto %1 werden im Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>Cloud name:</source>
        <translation>Cloud-Name:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <source>Folder mode:</source>
        <translation>Ordnermodus:</translation>
    </message>
    <message>
        <source>Last tested:</source>
        <translation>Zuletzt getestet:</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>Added %n product environment(s).</source>
        <translation>
            <numerusform>%n Produktumgebung hinzugefügt.</numerusform>
            <numerusform>%n Produktumgebungen hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;The connection works.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Die Verbindung funktioniert.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The test was stopped.</source>
        <translation>Der Test wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The connection to “%1” works.</source>
        <translation>Die Verbindung zu „%1“ funktioniert.</translation>
    </message>
    <message numerus="yes">
        <source>All %n product environments answered.</source>
        <translation>
            <numerusform>%n Produktumgebung hat geantwortet.</numerusform>
            <numerusform>Alle %n Produktumgebungen haben geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Log Out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Logging out…</source>
        <translation>Abmeldung läuft …</translation>
    </message>
    <message>
        <source>Logged out of “%1”. Its secrets were removed from your keychain.</source>
        <translation>Von „%1“ abgemeldet. Die Geheimnisse wurden aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Logged in to “%1”.</source>
        <translation>Bei „%1“ angemeldet.</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>„%1“ wurde entfernt.</translation>
    </message>
    <message>
        <source>Remove Product Environment</source>
        <translation>Produktumgebung entfernen</translation>
    </message>
    <message>
        <source>Unencrypted</source>
        <translation>Unverschlüsselt</translation>
    </message>
    <message>
        <source>Refused: unencrypted</source>
        <translation>Abgelehnt: unverschlüsselt</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Verbindung:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Unencrypted&lt;/b&gt; (plain http) to %1: the API secret can be read on the way. You allowed this.</source>
        <translation>&lt;b&gt;Unverschlüsselt&lt;/b&gt; (reines http) an %1: Das API-Geheimnis kann unterwegs mitgelesen werden. Dies wurde ausdrücklich erlaubt.</translation>
    </message>
    <message>
        <source>Unencrypted (plain http) to %1: refused until you allow it below, or use an https:// address.</source>
        <translation>Unverschlüsselt (reines http) an %1: abgelehnt, bis es unten erlaubt wird; alternativ eine https://-Adresse verwenden.</translation>
    </message>
    <message>
        <source>Log out of “%1”?

Its API secrets are removed from your keychain, and what Stratus keeps of it on this computer is deleted: asset catalogues, unfinished uploads, cached thumbnails and web sessions. Its environments stay listed here; log in again with the API secrets to use them.</source>
        <translation>Von „%1“ abmelden?

Die API-Geheimnisse des Kontos werden aus dem Schlüsselbund entfernt, und was Stratus auf diesem Computer davon aufbewahrt, wird gelöscht: Asset-Kataloge, unvollständige Uploads, zwischengespeicherte Vorschaubilder und Web-Sitzungen. Die Umgebungen bleiben hier aufgeführt; zum Verwenden erneut mit den API-Geheimnissen anmelden.</translation>
    </message>
    <message numerus="yes">
        <source>Remove the account “%1” and its %n product environment(s) from Stratus?

Their secrets, settings, asset catalogues, unfinished uploads and caches are deleted from this computer. Nothing changes in Cloudinary.</source>
        <translation>
            <numerusform>Das Konto „%1“ und seine %n Produktumgebung aus Stratus entfernen?

Geheimnisse, Einstellungen, Asset-Kataloge, unvollständige Uploads und Zwischenspeicher werden von diesem Computer gelöscht. In Cloudinary ändert sich nichts.</numerusform>
            <numerusform>Das Konto „%1“ und seine %n Produktumgebungen aus Stratus entfernen?

Geheimnisse, Einstellungen, Asset-Kataloge, unvollständige Uploads und Zwischenspeicher werden von diesem Computer gelöscht. In Cloudinary ändert sich nichts.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the product environment “%1” from Stratus?

Its secret, settings, asset catalogue, unfinished uploads and cache are deleted from this computer. Nothing changes in Cloudinary.</source>
        <translation>Die Produktumgebung „%1“ aus Stratus entfernen?

Ihr Geheimnis, ihre Einstellungen, ihr Asset-Katalog, unvollständige Uploads und ihr Zwischenspeicher werden von diesem Computer gelöscht. In Cloudinary ändert sich nichts.</translation>
    </message>
    <message>
        <source>The API secret of “%1” was replaced.</source>
        <translation>Das API-Geheimnis von „%1“ wurde ersetzt.</translation>
    </message>
    <message>
        <source>Signed in with Cloudinary</source>
        <translation>Mit Cloudinary angemeldet</translation>
    </message>
    <message>
        <source>API key %1</source>
        <translation>API-Schlüssel %1</translation>
    </message>
    <message>
        <source>Sign in again in your web browser (%1)</source>
        <translation>Erneut im Webbrowser anmelden (%1)</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>Zugangsdaten:</translation>
    </message>
    <message>
        <source>Its tokens are in your keychain. Private and authenticated files cannot be previewed or linked, because signed URLs need the API secret.</source>
        <translation>Die Token befinden sich im Schlüsselbund. Private und authentifizierte Dateien können weder in der Vorschau angezeigt noch verlinkt werden, weil signierte URLs das API-Geheimnis benötigen.</translation>
    </message>
    <message>
        <source>Log out of “%1”?

Stratus ends its sign-in with Cloudinary, removes its tokens from your keychain, and deletes what it keeps of it on this computer: asset catalogues, unfinished uploads, cached thumbnails and web sessions. It stays listed here; log in again by signing in in your browser.</source>
        <translation>Von „%1“ abmelden?

Stratus beendet die Anmeldung bei Cloudinary, entfernt die Token aus dem Schlüsselbund und löscht, was es auf diesem Computer davon aufbewahrt: Asset-Kataloge, unvollständige Uploads, zwischengespeicherte Vorschaubilder und Web-Sitzungen. Die Umgebung bleibt hier aufgeführt; zum erneuten Anmelden im Browser anmelden.</translation>
    </message>
    <message>
        <source>Logged out of “%1”. Its sign-in was ended and its tokens removed from your keychain.</source>
        <translation>Von „%1“ abgemeldet. Die Anmeldung wurde beendet und die Token wurden aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>The e-mail address the Media Library signs in to Cloudinary’s console with</source>
        <translation>Die E-Mail-Adresse, mit der sich die Media Library bei der Cloudinary-Konsole anmeldet</translation>
    </message>
    <message>
        <source>The Media Library asks you to sign in (no console e-mail).</source>
        <translation>Die Media Library fragt nach Ihrer Anmeldung (keine Konsolen-E-Mail).</translation>
    </message>
    <message>
        <source>The Media Library signs in as %1.</source>
        <translation>Die Media Library meldet sich als %1 an.</translation>
    </message>
    <message>
        <source>“%1”: its web sessions (the Media Library’s sign-in and storage) could not be deleted from this computer: %2</source>
        <translation>„%1“: Die Web-Sitzungen (Anmeldung und Speicher der Media Library) konnten nicht von diesem Computer gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Console E-mail</source>
        <translation>Konsolen-E-Mail</translation>
    </message>
    <message>
        <source>The e-mail address you sign in to Cloudinary’s console with for “%1”. With it, the Media Library signs you in automatically (signed on this computer with the API secret, which stays here). Leave it empty to sign in inside the Media Library instead.</source>
        <translation>Die E-Mail-Adresse, mit der Sie sich für „%1“ bei der Cloudinary-Konsole anmelden. Damit meldet die Media Library Sie automatisch an (auf diesem Computer mit dem API-Secret signiert, das hier bleibt). Lassen Sie das Feld leer, um sich stattdessen in der Media Library anzumelden.</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The Media Library will ask you to sign in.</source>
        <translation>Die Media Library wird nach Ihrer Anmeldung fragen.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AddEnvironmentDialog</name>
    <message>
        <source>From Account (&amp;Provisioning)</source>
        <translation>Per Konto (&amp;Provisioning)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>Paste the CLOUDINARY_URL of the product environment.</source>
        <translation>Die CLOUDINARY_URL der Produktumgebung einfügen.</translation>
    </message>
    <message>
        <source>This is not a CLOUDINARY_URL: %1</source>
        <translation>Das ist keine CLOUDINARY_URL: %1</translation>
    </message>
    <message>
        <source>The URL needs an API key and an API secret: cloudinary://API_KEY:API_SECRET@CLOUD_NAME.</source>
        <translation>Die URL braucht einen API-Schlüssel und ein API-Geheimnis: cloudinary://API_KEY:API_SECRET@CLOUD_NAME.</translation>
    </message>
    <message>
        <source>Enter the cloud name, the API key and the API secret.</source>
        <translation>Cloud-Name, API-Schlüssel und API-Geheimnis eingeben.</translation>
    </message>
    <message>
        <source>The cloud name or API key is not valid: %1</source>
        <translation>Der Cloud-Name oder der API-Schlüssel ist ungültig: %1</translation>
    </message>
    <message>
        <source>An environment named “%1” exists already. Choose another name.</source>
        <translation>Eine Umgebung namens „%1“ existiert bereits. Bitte einen anderen Namen wählen.</translation>
    </message>
    <message>
        <source>The chosen account no longer exists.</source>
        <translation>Das gewählte Konto existiert nicht mehr.</translation>
    </message>
    <message>
        <source>An account labelled “%1” exists already. Choose it under Account, or give the new account another label.</source>
        <translation>Ein Konto mit der Bezeichnung „%1“ existiert bereits. Dieses unter „Konto“ auswählen oder dem neuen Konto eine andere Bezeichnung geben.</translation>
    </message>
    <message>
        <source>The test was cancelled. Nothing was saved.</source>
        <translation>Der Test wurde abgebrochen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Add Anyway</source>
        <translation>&amp;Trotzdem hinzufügen</translation>
    </message>
    <message>
        <source>Saving the secret in your keychain…</source>
        <translation>Geheimnis wird im Schlüsselbund gespeichert …</translation>
    </message>
    <message>
        <source>Sign &amp;In with Cloudinary</source>
        <translation>Mit Cloudinary &amp;anmelden</translation>
    </message>
    <message>
        <source>Saving the sign-in in your keychain…</source>
        <translation>Anmeldung wird im Schlüsselbund gespeichert …</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AssetColumnsModel</name>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n Asset</numerusform>
            <numerusform>%n Assets</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Abmessungen</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AssetListModel</name>
    <message numerus="yes">
        <source>%1 — %n asset(s)</source>
        <translation>
            <numerusform>%1 – %n Asset</numerusform>
            <numerusform>%1 – %n Assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowseView</name>
    <message>
        <source>The catalogue of this environment cannot be opened, so there is nothing to browse: %1</source>
        <translation>Der Katalog dieser Umgebung kann nicht geöffnet werden, daher gibt es nichts zu durchblättern: %1</translation>
    </message>
    <message>
        <source>&amp;Browse</source>
        <translation>&amp;Durchsuchen</translation>
    </message>
    <message>
        <source>This environment is closed.</source>
        <translation>Diese Umgebung ist geschlossen.</translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) selected</source>
        <translation>
            <numerusform>%n Asset ausgewählt</numerusform>
            <numerusform>%n Assets ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Upload &amp;Files…</source>
        <translation>&amp;Dateien hochladen …</translation>
    </message>
    <message>
        <source>Upload files to the folder shown (you can also drop files on the window)</source>
        <translation>Dateien in den angezeigten Ordner hochladen (Dateien lassen sich auch auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Upload F&amp;older…</source>
        <translation>&amp;Ordner hochladen …</translation>
    </message>
    <message>
        <source>Upload from a &amp;URL, Camera or Cloud Storage…</source>
        <translation>Aus einer &amp;URL, von der Kamera oder aus Cloud-Speicher hochladen…</translation>
    </message>
    <message>
        <source>Cloudinary&apos;s Upload widget: files, a web address or the camera, into the folder shown</source>
        <translation>Das Upload-Widget von Cloudinary: Dateien, eine Webadresse oder die Kamera, in den angezeigten Ordner</translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowserCommands</name>
    <message>
        <source>Download to</source>
        <translation>Herunterladen nach</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Herunterladen …</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen …</translation>
    </message>
    <message>
        <source>&amp;Move to…</source>
        <translation>&amp;Verschieben nach …</translation>
    </message>
    <message>
        <source>Edit &amp;tags…</source>
        <translation>&amp;Tags bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>URL &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>&amp;New folder…</source>
        <translation>&amp;Neuer Ordner …</translation>
    </message>
    <message>
        <source>Re&amp;name folder…</source>
        <translation>Ordner &amp;umbenennen …</translation>
    </message>
    <message>
        <source>Delete &amp;folder</source>
        <translation>Ordner &amp;löschen</translation>
    </message>
    <message>
        <source>Renaming changes the public ID and its delivery URLs</source>
        <translation>Umbenennen ändert die Public ID und ihre Auslieferungs-URLs</translation>
    </message>
    <message>
        <source>Changes the display name; URLs stay</source>
        <translation>Ändert den Anzeigenamen; die URLs bleiben gleich</translation>
    </message>
    <message>
        <source>Folders can be renamed in dynamic folder mode only</source>
        <translation>Ordner lassen sich nur im dynamischen Ordnermodus umbenennen</translation>
    </message>
    <message>
        <source>Only an empty folder can be deleted</source>
        <translation>Nur ein leerer Ordner kann gelöscht werden</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1 …</translation>
    </message>
    <message>
        <source>%1… %2 of %3</source>
        <translation>%1 … %2 von %3</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1: fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1: fehlgeschlagen – %2</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: erledigt</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move %n asset(s) to %1?</source>
        <translation>
            <numerusform>%n Asset nach %1 verschieben?</numerusform>
            <numerusform>%n Assets nach %1 verschieben?</numerusform>
        </translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>In fixed folder mode this changes their public IDs: delivery URLs with the old ones stop working.</source>
        <translation>Im festen Ordnermodus ändert das ihre Public IDs: Auslieferungs-URLs mit den alten Public IDs funktionieren nicht mehr.</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Verschieben</translation>
    </message>
    <message>
        <source>Edit tags</source>
        <translation>Tags bearbeiten</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Some URLs could not be made.</source>
        <translation>Einige URLs konnten nicht erstellt werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n URL(s) copied</source>
        <translation>
            <numerusform>%n URL kopiert</numerusform>
            <numerusform>%n URLs kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiteres</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n asset(s) from Cloudinary?</source>
        <translation>
            <numerusform>%n Asset aus Cloudinary löschen?</numerusform>
            <numerusform>%n Assets aus Cloudinary löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone: the originals and their derived versions are deleted and their delivery URLs stop working.</source>
        <translation>Dies lässt sich nicht rückgängig machen: Die Originale und ihre abgeleiteten Versionen werden gelöscht, und ihre Auslieferungs-URLs funktionieren nicht mehr.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>&amp;Name of the new folder in %1:</source>
        <translation>&amp;Name des neuen Ordners in %1:</translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>Ordner umbenennen</translation>
    </message>
    <message>
        <source>&amp;New name of %1 (the assets&apos; URLs stay the same):</source>
        <translation>&amp;Neuer Name für %1 (die URLs der Assets bleiben gleich):</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>Ordner löschen</translation>
    </message>
    <message>
        <source>Delete the empty folder %1?</source>
        <translation>Den leeren Ordner %1 löschen?</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message numerus="yes">
        <source>Download cancelled; %n file(s) saved</source>
        <translation>
            <numerusform>Herunterladen abgebrochen; %n Datei gespeichert</numerusform>
            <numerusform>Herunterladen abgebrochen; %n Dateien gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) downloaded</source>
        <translation>
            <numerusform>%n Datei heruntergeladen</numerusform>
            <numerusform>%n Dateien heruntergeladen</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>%1 umbenennen</translation>
    </message>
    <message numerus="yes">
        <source>Move %n asset(s)</source>
        <translation>
            <numerusform>%n Asset verschieben</numerusform>
            <numerusform>%n Assets verschieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n asset(s)</source>
        <translation>
            <numerusform>%n Asset löschen</numerusform>
            <numerusform>%n Assets löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit the tags of %n asset(s)</source>
        <translation>
            <numerusform>Tags von %n Asset bearbeiten</numerusform>
            <numerusform>Tags von %n Assets bearbeiten</numerusform>
        </translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>%1 speichern</translation>
    </message>
    <message>
        <source>Create the folder %1</source>
        <translation>Ordner %1 erstellen</translation>
    </message>
    <message>
        <source>Rename the folder %1</source>
        <translation>Ordner %1 umbenennen</translation>
    </message>
    <message>
        <source>Delete the folder %1</source>
        <translation>Ordner %1 löschen</translation>
    </message>
    <message numerus="yes">
        <source>%1 (and %n more error(s))</source>
        <translation>
            <numerusform>%1 (und %n weiterer Fehler)</numerusform>
            <numerusform>%1 (und %n weitere Fehler)</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloading file %1 of %2…</source>
        <translation>Datei %1 von %2 wird heruntergeladen …</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed (the transfers dock says why)</source>
        <translation>
            <numerusform>%1, %n fehlgeschlagen (der Grund steht unter „Übertragungen“)</numerusform>
            <numerusform>%1, %n fehlgeschlagen (die Gründe stehen unter „Übertragungen“)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n private or authenticated file(s) left out: %1</source>
        <translation>
            <numerusform>%n private oder authentifizierte Datei ausgelassen: %1</numerusform>
            <numerusform>%n private oder authentifizierte Dateien ausgelassen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit in Media &amp;Editor…</source>
        <translation>Im Media &amp;Editor bearbeiten…</translation>
    </message>
    <message>
        <source>Preview in &amp;Video Player</source>
        <translation>Im &amp;Video Player ansehen</translation>
    </message>
    <message>
        <source>Preview as &amp;Product Gallery</source>
        <translation>Als &amp;Product Gallery ansehen</translation>
    </message>
    <message>
        <source>Crop, resize or convert a picture, or trim a video, and save the result as a new asset</source>
        <translation>Ein Bild zuschneiden, skalieren oder umwandeln oder ein Video kürzen und das Ergebnis als neues Asset speichern</translation>
    </message>
    <message>
        <source>Play the video in Cloudinary&apos;s Video Player and copy the code to embed it</source>
        <translation>Das Video im Video Player von Cloudinary abspielen und den Code zum Einbetten kopieren</translation>
    </message>
    <message>
        <source>Show the selected pictures and videos in Cloudinary&apos;s Product Gallery and copy the code to embed it</source>
        <translation>Die ausgewählten Bilder und Videos in der Product Gallery von Cloudinary zeigen und den Code zum Einbetten kopieren</translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowserPage</name>
    <message>
        <source>The catalogue could not be read</source>
        <translation>Der Katalog konnte nicht gelesen werden</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n Asset</numerusform>
            <numerusform>%n Assets</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — browsing works from the catalogue; changes to assets wait until the environment answers.</source>
        <translation>%1 – Durchblättern funktioniert über den Katalog; Änderungen an Assets warten, bis die Umgebung antwortet.</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Show or hide the details of the selected assets (Ctrl+I)</source>
        <translation>Details der ausgewählten Assets ein- oder ausblenden (Strg+I)</translation>
    </message>
    <message>
        <source>Details panel</source>
        <translation>Detailbereich</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Back to the previous folder (%1)</source>
        <translation>Zurück zum vorherigen Ordner (%1)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Vorwärts</translation>
    </message>
    <message>
        <source>Forward to the next folder (%1)</source>
        <translation>Vorwärts zum nächsten Ordner (%1)</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Nach oben</translation>
    </message>
    <message>
        <source>Up to the folder that holds this one (%1)</source>
        <translation>Nach oben zum übergeordneten Ordner (%1)</translation>
    </message>
    <message>
        <source>Search names, tags and context in every folder; Esc clears</source>
        <translation>Namen, Tags und Kontext in allen Ordnern durchsuchen; Esc leert das Feld</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>Zurück zu %1</translation>
    </message>
    <message>
        <source>Forward to %1</source>
        <translation>Vorwärts zu %1</translation>
    </message>
    <message>
        <source>Up to %1</source>
        <translation>Nach oben zu %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>folders · assets</comment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n Ordner</numerusform>
            <numerusform>%n Ordner</numerusform>
        </translation>
    </message>
    <message>
        <source>No assets yet</source>
        <translation>Noch keine Assets</translation>
    </message>
    <message>
        <source>Nothing has been uploaded to this environment, or the catalogue has not been synced yet. Drop files on Home in the folder tree to upload them.</source>
        <translation>In diese Umgebung wurde noch nichts hochgeladen, oder der Katalog wurde noch nicht abgeglichen. Zum Hochladen Dateien im Ordnerbaum auf „Start“ ziehen.</translation>
    </message>
    <message>
        <source>This folder is empty</source>
        <translation>Dieser Ordner ist leer</translation>
    </message>
    <message>
        <source>“%1” holds no assets and no folders. Files dropped on a folder of the tree are uploaded there.</source>
        <translation>„%1“ enthält weder Assets noch Ordner. Dateien, die auf einen Ordner im Baum gezogen werden, werden dorthin hochgeladen.</translation>
    </message>
    <message>
        <source>No asset in any folder matches these words and the filters.</source>
        <translation>In keinem Ordner passt ein Asset zu diesen Wörtern und den Filtern.</translation>
    </message>
    <message>
        <source>No asset in any folder matches these words. Check the spelling, or try fewer or shorter words.</source>
        <translation>In keinem Ordner passt ein Asset zu diesen Wörtern. Die Schreibweise prüfen oder weniger bzw. kürzere Wörter versuchen.</translation>
    </message>
    <message>
        <source>No asset in “%1” matches these words and the filters; other folders were not searched.</source>
        <translation>Kein Asset in „%1“ passt zu diesen Wörtern und den Filtern; andere Ordner wurden nicht durchsucht.</translation>
    </message>
    <message>
        <source>No asset in “%1” matches these words; other folders were not searched.</source>
        <translation>Kein Asset in „%1“ passt zu diesen Wörtern; andere Ordner wurden nicht durchsucht.</translation>
    </message>
    <message>
        <source>No results for “%1”</source>
        <translation>Keine Treffer für „%1“</translation>
    </message>
    <message>
        <source>No asset in any folder matches the filters.</source>
        <translation>In keinem Ordner passt ein Asset zu den Filtern.</translation>
    </message>
    <message>
        <source>None of the assets directly in “%1” match the filters; its sub-folders were not searched.</source>
        <translation>Keines der Assets direkt in „%1“ passt zu den Filtern; seine Unterordner wurden nicht durchsucht.</translation>
    </message>
    <message>
        <source>No assets match the filters</source>
        <translation>Keine Assets passen zu den Filtern</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Assets in rows</source>
        <translation>Assets in Zeilen</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>&amp;Raster</translation>
    </message>
    <message>
        <source>Square thumbnails</source>
        <translation>Quadratische Vorschaubilder</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>A sortable list with details</source>
        <translation>Sortierbare Liste mit Details</translation>
    </message>
    <message>
        <source>&amp;Justified</source>
        <translation>&amp;Blocksatz</translation>
    </message>
    <message>
        <source>Rows of pictures in their own proportions</source>
        <translation>Bilder in Zeilen, jeweils in ihrem eigenen Seitenverhältnis</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Details Panel</source>
        <translation>&amp;Detailbereich</translation>
    </message>
    <message>
        <source>&amp;Sort By</source>
        <translation>&amp;Sortieren nach</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Created</source>
        <translation>&amp;Erstellt</translation>
    </message>
    <message>
        <source>&amp;Size</source>
        <translation>&amp;Größe</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Typ</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>&amp;Dimensions</source>
        <translation>A&amp;bmessungen</translation>
    </message>
    <message>
        <source>&amp;Ascending</source>
        <translation>&amp;Aufsteigend</translation>
    </message>
    <message>
        <source>D&amp;escending</source>
        <translation>Ab&amp;steigend</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Sortieren</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>Upload files to the folder shown; the arrow offers more</source>
        <translation>Dateien in den angezeigten Ordner hochladen; der Pfeil bietet weitere Möglichkeiten</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>sort key, arrow</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Sorted by %1, %2 — choose the order</source>
        <translation>Sortiert nach %1 (%2) – Reihenfolge wählen</translation>
    </message>
    <message>
        <source>ascending</source>
        <translation>aufsteigend</translation>
    </message>
    <message>
        <source>descending</source>
        <translation>absteigend</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Alles &amp;auswählen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>Open Context Menu</source>
        <translation>Kontextmenü öffnen</translation>
    </message>
</context>
<context>
    <name>stratus::gui::CheckMessages</name>
    <message>
        <source>Testing the connection to “%1”…</source>
        <translation>Verbindung zu „%1“ wird getestet …</translation>
    </message>
    <message>
        <source>Testing “%1” (%2 of %3)…</source>
        <translation>„%1“ wird getestet (%2 von %3) …</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Es wurde nichts geändert: %1</translation>
    </message>
    <message>
        <source>Folder mode: %1</source>
        <translation>Ordnermodus: %1</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>Tarif: %1</translation>
    </message>
    <message>
        <source>Credits used: %1 of %2 (%3%)</source>
        <translation>Verbrauchte Credits: %1 von %2 (%3&#xa0;%)</translation>
    </message>
    <message>
        <source>Storage used: %1%</source>
        <translation>Belegter Speicherplatz: %1&#xa0;%</translation>
    </message>
    <message>
        <source>Assets: %1</source>
        <translation>Assets: %1</translation>
    </message>
    <message>
        <source>Admin API: %1 of %2 calls left this hour</source>
        <translation>Admin API: noch %1 von %2 Aufrufen in dieser Stunde</translation>
    </message>
    <message>
        <source>%1 — the server said: “%2”</source>
        <translation>%1 – Antwort des Servers: „%2“</translation>
    </message>
    <message>
        <source>Not allowed with these credentials:</source>
        <translation>Mit diesen Zugangsdaten nicht erlaubt:</translation>
    </message>
    <message>
        <source>browsing and editing (Admin API)</source>
        <translation>Durchblättern und Bearbeiten (Admin API)</translation>
    </message>
    <message>
        <source>reading the folder mode</source>
        <translation>Lesen des Ordnermodus</translation>
    </message>
    <message>
        <source>reading the plan and usage</source>
        <translation>Lesen von Tarif und Nutzung</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>fest</translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation>dynamisch</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>noch unbekannt</translation>
    </message>
</context>
<context>
    <name>stratus::gui::DetailsPanel</name>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Keine Vorschau</translation>
    </message>
    <message>
        <source>Public ID</source>
        <translation>Public ID</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Resource type</source>
        <translation>Ressourcentyp</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Abmessungen</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>ETag</source>
        <translation>ETag</translation>
    </message>
    <message>
        <source>Asset ID</source>
        <translation>Asset-ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Offline — edits are unavailable: %1</source>
        <translation>Offline – Bearbeiten ist nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n of them are not in the catalogue.</source>
        <translation>
            <numerusform>%n davon ist nicht im Katalog.</numerusform>
            <numerusform>%n davon sind nicht im Katalog.</numerusform>
        </translation>
    </message>
    <message>
        <source>This asset is not in the catalogue.</source>
        <translation>Dieses Asset ist nicht im Katalog.</translation>
    </message>
    <message>
        <source>Unsaved changes from before.</source>
        <translation>Nicht gespeicherte Änderungen von vorhin.</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message>
        <source>%L1 seconds</source>
        <translation>%L1 Sekunden</translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 Byte</translation>
    </message>
    <message>
        <source>The name shown in the Media Library; it does not change the URL.</source>
        <translation>Der in der Media Library angezeigte Name; er ändert die URL nicht.</translation>
    </message>
    <message>
        <source>In fixed folder mode an asset&apos;s name is the last part of its public ID; renaming it changes the public ID and its URLs.</source>
        <translation>Im festen Ordnermodus ist der Name eines Assets der letzte Teil seiner Public ID; Umbenennen ändert die Public ID und ihre URLs.</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>Nicht gespeicherte Änderungen.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>No link: %1</source>
        <translation>Kein Link: %1</translation>
    </message>
    <message>
        <source>Copied the link to the clipboard.</source>
        <translation>Link in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>No web browser could be started.</source>
        <translation>Es konnte kein Webbrowser gestartet werden.</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>Vorschau wird geladen …</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>%1 image</source>
        <translation>%1-Bild</translation>
    </message>
    <message>
        <source>%1 audio</source>
        <translation>%1-Audiodatei</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>%1 video</source>
        <translation>%1-Video</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1-Datei</translation>
    </message>
    <message>
        <source>Delivery type</source>
        <translation>Auslieferungstyp</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>No longer in the list shown.</source>
        <translation>Nicht mehr in der angezeigten Liste.</translation>
    </message>
    <message>
        <source>No longer in the list shown: now in “%1”.</source>
        <translation>Nicht mehr in der angezeigten Liste: jetzt in „%1“.</translation>
    </message>
    <message>
        <source>Select an asset to see its details.</source>
        <translation>Ein Asset auswählen, um seine Details zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n Assets</source>
        <translation>
            <numerusform>Auf %n Asset anwenden</numerusform>
            <numerusform>Auf %n Assets anwenden</numerusform>
        </translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message numerus="yes">
        <source>%n assets · %1</source>
        <translation>
            <numerusform>%n Asset · %1</numerusform>
            <numerusform>%n Assets · %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a count and a file format: 3 JPG</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Every selected asset has this tag.</source>
        <translation>Alle ausgewählten Assets haben dieses Tag.</translation>
    </message>
    <message>
        <source>%1 (%2/%3)</source>
        <translation>%1 (%2/%3)</translation>
    </message>
    <message numerus="yes">
        <source>%1 of the %n selected assets have this tag; Add makes it a tag of all.</source>
        <translation>
            <numerusform>Dieses Tag ist %1 von %n ausgewähltem Asset zugewiesen; „Hinzufügen“ weist es allen zu.</numerusform>
            <numerusform>Dieses Tag ist %1 der %n ausgewählten Assets zugewiesen; „Hinzufügen“ weist es allen zu.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Unterschiedlich</translation>
    </message>
    <message>
        <source>The selected assets differ here; what you type is set on all of them.</source>
        <translation>Die ausgewählten Assets unterscheiden sich hier; die Eingabe wird für alle übernommen.</translation>
    </message>
    <message>
        <source>The same on every selected asset; what you type is set on all of them.</source>
        <translation>Bei allen ausgewählten Assets gleich; die Eingabe wird für alle übernommen.</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message numerus="yes">
        <source>%n more selected</source>
        <translation>
            <numerusform>%n weiteres ausgewählt</numerusform>
            <numerusform>%n weitere ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change: the selected assets have these values already.</source>
        <translation>Nichts zu ändern: Die ausgewählten Assets haben diese Werte bereits.</translation>
    </message>
    <message>
        <source>Saving %1 of %2…</source>
        <translation>Wird gespeichert: %1 von %2 …</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n asset(s).</source>
        <translation>
            <numerusform>%n Asset gespeichert.</numerusform>
            <numerusform>%n Assets gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 of %2 assets; %n failed:</source>
        <translation>
            <numerusform>%1 von %2 Assets gespeichert; %n fehlgeschlagen:</numerusform>
            <numerusform>%1 von %2 Assets gespeichert; %n fehlgeschlagen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed when copied</source>
        <translation>Wird beim Kopieren signiert</translation>
    </message>
    <message>
        <source>None: signing needs the API secret</source>
        <translation>Keine: Zum Signieren ist das API-Geheimnis nötig</translation>
    </message>
</context>
<context>
    <name>stratus::gui::DownloadsPanel</name>
    <message>
        <source>&amp;Cancel Download</source>
        <translation>Herunterladen a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Files you download from the browser (Download… in its context menu) are listed here.</source>
        <translation>Hier erscheinen die Dateien, die beim Durchblättern heruntergeladen werden („Herunterladen …“ im Kontextmenü).</translation>
    </message>
    <message>
        <source>&amp;Show in Folder</source>
        <translation>Im &amp;Ordner anzeigen</translation>
    </message>
    <message>
        <source>Clear &amp;List</source>
        <translation>&amp;Liste leeren</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Saved in</source>
        <translation>Gespeichert in</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Downloaded files</source>
        <translation>Heruntergeladene Dateien</translation>
    </message>
    <message>
        <source>Show the selected file in the file manager (Enter)</source>
        <translation>Ausgewählte Datei im Dateimanager anzeigen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Remove the finished downloads from this list (the files stay)</source>
        <translation>Abgeschlossene Downloads aus dieser Liste entfernen (die Dateien bleiben erhalten)</translation>
    </message>
    <message>
        <source>Downloading file %1 of %2 — %3 of %4</source>
        <translation>Datei %1 von %2 wird heruntergeladen – %3 von %4</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Download cancelled; %n file(s) saved in %1</source>
        <translation>
            <numerusform>Herunterladen abgebrochen; %n Datei in %1 gespeichert</numerusform>
            <numerusform>Herunterladen abgebrochen; %n Dateien in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) downloaded to %1</source>
        <translation>
            <numerusform>%n Datei nach %1 heruntergeladen</numerusform>
            <numerusform>%n Dateien nach %1 heruntergeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed</source>
        <translation>
            <numerusform>%1, %n fehlgeschlagen</numerusform>
            <numerusform>%1, %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>No file manager could be opened to show the file. It is saved as:
%1</source>
        <translation>Es konnte kein Dateimanager geöffnet werden, um die Datei anzuzeigen. Sie ist gespeichert unter:
%1</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
</context>
<context>
    <name>stratus::gui::EmptyState</name>
    <message>
        <source>Clear Filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Clear Search</source>
        <translation>Suche zurücksetzen</translation>
    </message>
    <message>
        <source>Search Everywhere</source>
        <translation>Überall suchen</translation>
    </message>
</context>
<context>
    <name>stratus::gui::EnvironmentPage</name>
    <message>
        <source>the API key or secret is wrong</source>
        <translation>der API-Schlüssel oder das API-Geheimnis ist falsch</translation>
    </message>
    <message>
        <source>the cloud name is unknown</source>
        <translation>der Cloud-Name ist unbekannt</translation>
    </message>
    <message>
        <source>no network connection</source>
        <translation>keine Netzwerkverbindung</translation>
    </message>
    <message>
        <source>the proxy refused the connection</source>
        <translation>der Proxy hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>die sichere Verbindung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>these credentials may not use the Admin API</source>
        <translation>diese Zugangsdaten dürfen die Admin API nicht verwenden</translation>
    </message>
    <message>
        <source>the Admin API budget is spent</source>
        <translation>das Kontingent der Admin API ist aufgebraucht</translation>
    </message>
    <message>
        <source>the server had a problem</source>
        <translation>der Server hatte ein Problem</translation>
    </message>
    <message>
        <source>the keychain did not give the API secret</source>
        <translation>der Schlüsselbund hat das API-Geheimnis nicht herausgegeben</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>ein unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Offline: %1</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Fixed folders</source>
        <translation>Feste Ordner</translation>
    </message>
    <message>
        <source>Dynamic folders</source>
        <translation>Dynamische Ordner</translation>
    </message>
    <message>
        <source>Folder mode unknown</source>
        <translation>Ordnermodus unbekannt</translation>
    </message>
    <message>
        <source>Admin API: budget not known yet</source>
        <translation>Admin API: Kontingent noch unbekannt</translation>
    </message>
    <message>
        <source>Admin API: %1 of %2 calls left this hour</source>
        <translation>Admin API: noch %1 von %2 Aufrufen in dieser Stunde</translation>
    </message>
    <message>
        <source>Sync paused until %1 (Admin API budget spent)</source>
        <translation>Abgleich pausiert bis %1 (Kontingent der Admin API aufgebraucht)</translation>
    </message>
    <message>
        <source>Syncing the catalogue…</source>
        <translation>Katalog wird abgeglichen …</translation>
    </message>
    <message>
        <source>Syncing %1 of %2 assets</source>
        <translation>Abgleich: %1 von %2 Assets</translation>
    </message>
    <message>
        <source>Catalogue not synced: %1</source>
        <translation>Katalog nicht abgeglichen: %1</translation>
    </message>
    <message>
        <source>No catalogue: %1</source>
        <translation>Kein Katalog: %1</translation>
    </message>
    <message>
        <source>Catalogue up to date</source>
        <translation>Katalog ist aktuell</translation>
    </message>
    <message>
        <source>the API secret would go unencrypted to another computer (use https, or allow it in Accounts)</source>
        <translation>das API-Geheimnis ginge unverschlüsselt an einen anderen Computer (https verwenden oder es unter Konten erlauben)</translation>
    </message>
    <message>
        <source>The catalogue was damaged; rebuilding it from the server…</source>
        <translation>Der Katalog war beschädigt; er wird vom Server neu aufgebaut …</translation>
    </message>
    <message>
        <source>The catalogue was damaged; rebuilding it: %1 of %2 assets</source>
        <translation>Der Katalog war beschädigt; Neuaufbau: %1 von %2 Assets</translation>
    </message>
    <message>
        <source>Catalogue rebuilt: the file was damaged</source>
        <translation>Katalog neu aufgebaut: Die Datei war beschädigt</translation>
    </message>
    <message>
        <source>The catalogue could not be synced.</source>
        <translation>Der Katalog konnte nicht abgeglichen werden.</translation>
    </message>
    <message>
        <source>Re-enter API Secret</source>
        <translation>API-Geheimnis erneut eingeben</translation>
    </message>
    <message>
        <source>The API secret was not replaced.</source>
        <translation>Das API-Geheimnis wurde nicht ersetzt.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (on this computer)</source>
        <translation>%1 (auf diesem Computer)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Local sandbox:&lt;/b&gt; sample media on this computer to try Stratus with; nothing here reaches Cloudinary.</source>
        <translation>&lt;b&gt;Lokale Sandbox:&lt;/b&gt; Beispielmedien auf diesem Computer zum Ausprobieren von Stratus; nichts davon gelangt zu Cloudinary.</translation>
    </message>
    <message>
        <source>&amp;Add a Cloudinary Account…</source>
        <translation>&amp;Cloudinary-Konto hinzufügen …</translation>
    </message>
</context>
<context>
    <name>stratus::gui::EnvironmentSwitcherButton</name>
    <message>
        <source>Switch product environment (Ctrl+K)</source>
        <translation>Produktumgebung wechseln (Strg+K)</translation>
    </message>
    <message>
        <source>No environment</source>
        <translation>Keine Umgebung</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
</context>
<context>
    <name>stratus::gui::EnvironmentSwitcherPopup</name>
    <message>
        <source>Type to filter environments</source>
        <translation>Tippen, um Umgebungen zu filtern</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Strg+%1</translation>
    </message>
    <message>
        <source>Local sandbox on this computer</source>
        <translation>Lokale Sandbox auf diesem Computer</translation>
    </message>
    <message>
        <source>Cloud %1</source>
        <translation>Cloud %1</translation>
    </message>
</context>
<context>
    <name>stratus::gui::FacetBar</name>
    <message>
        <source>%1 +%2</source>
        <translation>%1 +%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Filter by type</source>
        <translation>Nach Typ filtern</translation>
    </message>
    <message>
        <source>Filter by format</source>
        <translation>Nach Format filtern</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Nach Tag filtern</translation>
    </message>
    <message>
        <source>Filter by creation date</source>
        <translation>Nach Erstellungsdatum filtern</translation>
    </message>
    <message>
        <source>Filter by size</source>
        <translation>Nach Größe filtern</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Show every asset of the folder or search again</source>
        <translation>Wieder alle Assets des Ordners bzw. der Suche anzeigen</translation>
    </message>
    <message>
        <source>Filters:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>Videos</translation>
    </message>
    <message>
        <source>Other files</source>
        <translation>Andere Dateien</translation>
    </message>
    <message>
        <source>Nothing to filter here</source>
        <translation>Hier gibt es nichts zu filtern</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1 (%L2)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Benutzerdefinierter Bereich …</translation>
    </message>
    <message>
        <source>Any size</source>
        <translation>Beliebige Größe</translation>
    </message>
    <message>
        <source>Under 100 KB</source>
        <translation>Unter 100 KB</translation>
    </message>
    <message>
        <source>100 KB to 1 MB</source>
        <translation>100 KB bis 1 MB</translation>
    </message>
    <message>
        <source>1 MB to 10 MB</source>
        <translation>1 MB bis 10 MB</translation>
    </message>
    <message>
        <source>Over 10 MB</source>
        <translation>Über 10 MB</translation>
    </message>
    <message>
        <source>Created Between</source>
        <translation>Erstellt zwischen</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To (inclusive):</source>
        <translation>&amp;Bis (einschließlich):</translation>
    </message>
    <message>
        <source>Size Between</source>
        <translation>Größe zwischen</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>&amp;At least:</source>
        <translation>&amp;Mindestens:</translation>
    </message>
    <message>
        <source>A&amp;t most:</source>
        <translation>&amp;Höchstens:</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Created: last 24 hours</source>
        <translation>Erstellt: letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Created: last 7 days</source>
        <translation>Erstellt: letzte 7 Tage</translation>
    </message>
    <message>
        <source>Created: last 30 days</source>
        <translation>Erstellt: letzte 30 Tage</translation>
    </message>
    <message>
        <source>Created: last 12 months</source>
        <translation>Erstellt: letzte 12 Monate</translation>
    </message>
    <message>
        <source>Created: %1 – %2</source>
        <translation>Erstellt: %1 – %2</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Size: under 100 KB</source>
        <translation>Größe: unter 100 KB</translation>
    </message>
    <message>
        <source>Size: 100 KB to 1 MB</source>
        <translation>Größe: 100 KB bis 1 MB</translation>
    </message>
    <message>
        <source>Size: 1 MB to 10 MB</source>
        <translation>Größe: 1 MB bis 10 MB</translation>
    </message>
    <message>
        <source>Size: over 10 MB</source>
        <translation>Größe: über 10 MB</translation>
    </message>
    <message>
        <source>Size: %1 to %2</source>
        <translation>Größe: %1 bis %2</translation>
    </message>
    <message>
        <source>Size: at least %1</source>
        <translation>Größe: mindestens %1</translation>
    </message>
    <message>
        <source>Size: at most %1</source>
        <translation>Größe: höchstens %1</translation>
    </message>
    <message>
        <source>Assets with</source>
        <translation>Assets mit</translation>
    </message>
    <message>
        <source>All ticked tags</source>
        <translation>Allen angekreuzten Tags</translation>
    </message>
    <message>
        <source>Any ticked tag</source>
        <translation>Einem beliebigen angekreuzten Tag</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Typ: %1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Format: %1</translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation>Tag: %1</translation>
    </message>
    <message>
        <source>Tags (any)</source>
        <translation>Tags (eines)</translation>
    </message>
    <message>
        <source>Tags (all)</source>
        <translation>Tags (alle)</translation>
    </message>
    <message>
        <source>Filter by structured metadata</source>
        <translation>Nach strukturierten Metadaten filtern</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>%1 (withdrawn)</source>
        <translation>%1 (zurückgezogen)</translation>
    </message>
    <message>
        <source>No list fields in this environment</source>
        <translation>Keine Listenfelder in dieser Umgebung</translation>
    </message>
</context>
<context>
    <name>stratus::gui::FolderTreeModel</name>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n asset(s) here</source>
        <translation>
            <numerusform>%1: %n Asset hier</numerusform>
            <numerusform>%1: %n Assets hier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in all, with the folders below</source>
        <translation>
            <numerusform>%n insgesamt, mit den Unterordnern</numerusform>
            <numerusform>%n insgesamt, mit den Unterordnern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::HelpWindow</name>
    <message>
        <source>Stratus User Guide</source>
        <translation>Stratus-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>The user guide is missing from this build of Stratus.</source>
        <translation>Das Benutzerhandbuch fehlt in diesem Build von Stratus.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::InfoBar</name>
    <message>
        <source>Close this message; it will not be shown again</source>
        <translation>Diese Meldung schließen; sie wird nicht mehr angezeigt</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>stratus::gui::LogInDialog</name>
    <message>
        <source>&amp;Log In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Log In to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <source>Enter the API secret of each product environment of “%1” again. Stratus tests them before it stores them in your keychain.</source>
        <translation>Das API-Geheimnis jeder Produktumgebung von „%1“ erneut eingeben. Stratus prüft sie, bevor sie im Schlüsselbund gespeichert werden.</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API-Geheimnis</translation>
    </message>
    <message>
        <source>%1 (cloud %2, key %3):</source>
        <translation>%1 (Cloud %2, Schlüssel %3):</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Provisioning secret (account %1):</source>
        <translation>Provisioning-Geheimnis (Konto %1):</translation>
    </message>
    <message>
        <source>Enter the API secret of “%1”.</source>
        <translation>Das API-Geheimnis von „%1“ eingeben.</translation>
    </message>
    <message>
        <source>The test was cancelled. You are still logged out.</source>
        <translation>Der Test wurde abgebrochen. Das Konto bleibt abgemeldet.</translation>
    </message>
    <message>
        <source>Saving the secrets in your keychain…</source>
        <translation>Geheimnisse werden im Schlüsselbund gespeichert …</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MainWindow</name>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Stratus</source>
        <translation>Stratus</translation>
    </message>
    <message>
        <source>%1 — Stratus</source>
        <translation>%1 — Stratus</translation>
    </message>
    <message>
        <source>Uploads: %1</source>
        <translation>Uploads: %1</translation>
    </message>
    <message>
        <source>Upload finished: %1</source>
        <translation>Hochladen abgeschlossen: %1</translation>
    </message>
    <message>
        <source>The problem report is on the clipboard.</source>
        <translation>Der Problembericht befindet sich in der Zwischenablage.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Every command with its keys, searchable</source>
        <translation>Alle Befehle mit ihren Tastenkürzeln, durchsuchbar</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Save Download</source>
        <translation>Download speichern</translation>
    </message>
    <message>
        <source>Upload from a &amp;URL, Camera or Cloud Storage…</source>
        <translation>Aus einer &amp;URL, von der Kamera oder aus Cloud-Speicher hochladen…</translation>
    </message>
    <message>
        <source>Cloudinary&apos;s Upload widget: files, a web address or the camera, into the folder shown</source>
        <translation>Das Upload-Widget von Cloudinary: Dateien, eine Webadresse oder die Kamera, in den angezeigten Ordner</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaEditorWindow</name>
    <message>
        <source>Media Editor</source>
        <translation>Media Editor</translation>
    </message>
    <message>
        <source>Transformation:</source>
        <translation>Transformation:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation>&amp;URL kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Transformation</source>
        <translation>&amp;Transformation kopieren</translation>
    </message>
    <message>
        <source>Open in Transformation &amp;Studio</source>
        <translation>Im Transformations-&amp;Studio öffnen</translation>
    </message>
    <message>
        <source>&amp;Save as New Asset…</source>
        <translation>Als neues Asset &amp;speichern…</translation>
    </message>
    <message>
        <source>Trim %1</source>
        <translation>%1 kürzen</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>The Media Editor could not start</source>
        <translation>Der Media Editor konnte nicht starten</translation>
    </message>
    <message>
        <source>Export not received</source>
        <translation>Export nicht angenommen</translation>
    </message>
    <message>
        <source>Stratus did not accept what the editor exported.</source>
        <translation>Stratus hat nicht angenommen, was der Editor exportiert hat.</translation>
    </message>
    <message>
        <source>Save as New Asset</source>
        <translation>Als neues Asset speichern</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>The edited picture becomes a new asset; the original stays as it is.</source>
        <translation>Das bearbeitete Bild wird ein neues Asset; das Original bleibt, wie es ist.</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved as %1 in Home</source>
        <translation>Als %1 in „Start“ gespeichert</translation>
    </message>
    <message>
        <source>Saved as %1 in %2</source>
        <translation>Als %1 in %2 gespeichert</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exportiert</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaLibraryInsertBar</name>
    <message>
        <source>Drag these assets into another application, or use the buttons.</source>
        <translation>Ziehen Sie diese Assets in eine andere Anwendung oder verwenden Sie die Schaltflächen.</translation>
    </message>
    <message>
        <source>&amp;Copy URLs</source>
        <translation>URLs &amp;kopieren</translation>
    </message>
    <message>
        <source>The delivery URLs, with the transformation you chose in the Media Library</source>
        <translation>Die Auslieferungs-URLs, mit der in der Media Library gewählten Transformation</translation>
    </message>
    <message>
        <source>Show in &amp;Browser</source>
        <translation>Im &amp;Browser zeigen</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Herunterladen…</translation>
    </message>
    <message>
        <source>Put these assets away</source>
        <translation>Diese Assets weglegen</translation>
    </message>
    <message>
        <source>%1 (transformed)</source>
        <translation>%1 (transformiert)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiteres</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) to use in Stratus</source>
        <translation>
            <numerusform>%n Asset zur Verwendung in Stratus</numerusform>
            <numerusform>%n Assets zur Verwendung in Stratus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n URL(s)</source>
        <translation>
            <numerusform>%n URL kopiert</numerusform>
            <numerusform>%n URLs kopiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaLibraryView</name>
    <message>
        <source>The Media Library signs you in to Cloudinary&apos;s console. Give your console e-mail address for this account and Stratus signs you in automatically.</source>
        <translation>Die Media Library meldet Sie bei der Cloudinary-Konsole an. Geben Sie Ihre Konsolen-E-Mail-Adresse für dieses Konto an, dann meldet Stratus Sie automatisch an.</translation>
    </message>
    <message>
        <source>Sign In &amp;Automatically…</source>
        <translation>&amp;Automatisch anmelden…</translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) from the Media Library added to the catalogue</source>
        <translation>
            <numerusform>%n Upload aus der Media Library in den Katalog aufgenommen</numerusform>
            <numerusform>%n Uploads aus der Media Library in den Katalog aufgenommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) in the Media Library could not be read: %1</source>
        <translation>
            <numerusform>%n Upload in der Media Library konnte nicht gelesen werden: %1</numerusform>
            <numerusform>%n Uploads in der Media Library konnten nicht gelesen werden: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) deleted in the Media Library removed from the catalogue</source>
        <translation>
            <numerusform>%n in der Media Library gelöschtes Asset aus dem Katalog entfernt</numerusform>
            <numerusform>%n in der Media Library gelöschte Assets aus dem Katalog entfernt</numerusform>
        </translation>
    </message>
    <message>
        <source>Media Library: signed in as %1</source>
        <translation>Media Library: angemeldet als %1</translation>
    </message>
    <message>
        <source>&amp;Media Library</source>
        <translation>&amp;Media Library</translation>
    </message>
    <message>
        <source>Use in Stratus</source>
        <translation>In Stratus verwenden</translation>
    </message>
    <message>
        <source>Sign In Automatically</source>
        <translation>Automatisch anmelden</translation>
    </message>
    <message>
        <source>The e-mail address you sign in to Cloudinary&apos;s console with, for this account. Stratus signs the Media Library&apos;s sign-in with the account&apos;s API secret, which stays on this computer.</source>
        <translation>Die E-Mail-Adresse, mit der Sie sich für dieses Konto bei der Cloudinary-Konsole anmelden. Stratus signiert die Anmeldung der Media Library mit dem API-Secret des Kontos, das auf diesem Computer bleibt.</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address Stratus can use.</source>
        <translation>„%1“ ist keine E-Mail-Adresse, die Stratus verwenden kann.</translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) chosen in the Media Library</source>
        <translation>
            <numerusform>%n Asset in der Media Library gewählt</numerusform>
            <numerusform>%n Assets in der Media Library gewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>These assets are not in the catalogue yet: %1</source>
        <translation>Diese Assets sind noch nicht im Katalog: %1</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaView</name>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Position (Shift+Left and Shift+Right jump 5 seconds)</source>
        <translation>Position (Umschalt+Pfeil links und Umschalt+Pfeil rechts springen 5 Sekunden)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>Volume (Shift+Up and Shift+Down)</source>
        <translation>Lautstärke (Umschalt+Pfeil hoch und Umschalt+Pfeil runter)</translation>
    </message>
    <message>
        <source>Video and audio cannot be played on this system: Qt Multimedia has no media backend. Install the GStreamer plugins (gstreamer1.0-plugins-good, gstreamer1.0-libav).</source>
        <translation>Video und Audio können auf diesem System nicht abgespielt werden: Qt Multimedia hat kein Medien-Backend. Die GStreamer-Plugins installieren (gstreamer1.0-plugins-good, gstreamer1.0-libav).</translation>
    </message>
    <message>
        <source>This media cannot be played: %1</source>
        <translation>Dieses Medium kann nicht abgespielt werden: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>This media cannot be played: its format is not supported here.</source>
        <translation>Dieses Medium kann nicht abgespielt werden: Sein Format wird hier nicht unterstützt.</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <comment>position / duration</comment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>Abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Mute (M)</source>
        <translation>Stummschalten (M)</translation>
    </message>
    <message>
        <source>No sound output device was found; the media plays silently.</source>
        <translation>Es wurde kein Audioausgabegerät gefunden; das Medium wird ohne Ton abgespielt.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MetadataEditor</name>
    <message>
        <source>This environment has no structured metadata fields.</source>
        <translation>Diese Umgebung hat keine Felder für strukturierte Metadaten.</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Kein Datum</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Remove the date</source>
        <translation>Datum entfernen</translation>
    </message>
    <message>
        <source>Required: this field must have a value.</source>
        <translation>Pflichtfeld: Dieses Feld muss einen Wert haben.</translation>
    </message>
    <message>
        <source>Mixed values</source>
        <translation>Unterschiedliche Werte</translation>
    </message>
    <message>
        <source>A whole number from %1 to %2</source>
        <translation>Eine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>A whole number, %1 or more</source>
        <translation>Eine ganze Zahl, mindestens %1</translation>
    </message>
    <message>
        <source>A whole number, %1 or less</source>
        <translation>Eine ganze Zahl, höchstens %1</translation>
    </message>
    <message>
        <source>A whole number</source>
        <translation>Eine ganze Zahl</translation>
    </message>
    <message numerus="yes">
        <source>Up to %n characters</source>
        <translation>
            <numerusform>Bis zu %n Zeichen</numerusform>
            <numerusform>Bis zu %n Zeichen</numerusform>
        </translation>
    </message>
    <message>
        <source>No value (default: %1)</source>
        <translation>Kein Wert (Standard: %1)</translation>
    </message>
    <message>
        <source>No value</source>
        <translation>Kein Wert</translation>
    </message>
    <message>
        <source>%1 (withdrawn)</source>
        <translation>%1 (zurückgezogen)</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MetadataSection</name>
    <message>
        <source>Save Metadata</source>
        <translation>Metadaten speichern</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Correct the values marked in red first.</source>
        <translation>Zuerst die rot markierten Werte korrigieren.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%n assets could not be saved: %1</source>
        <translation>
            <numerusform>%n Asset konnte nicht gespeichert werden: %1</numerusform>
            <numerusform>%n Assets konnten nicht gespeichert werden: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MoveDialog</name>
    <message numerus="yes">
        <source>Move %n asset(s)</source>
        <translation>
            <numerusform>%n Asset verschieben</numerusform>
            <numerusform>%n Assets verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Warning: in fixed folder mode the folder is part of the public ID. Moving changes the public IDs, and delivery URLs with the old ones stop working.</source>
        <translation>Achtung: Im festen Ordnermodus ist der Ordner Teil der Public ID. Verschieben ändert die Public IDs, und Auslieferungs-URLs mit den alten Public IDs funktionieren nicht mehr.</translation>
    </message>
    <message>
        <source>The public IDs and delivery URLs stay the same.</source>
        <translation>Die Public IDs und Auslieferungs-URLs bleiben gleich.</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Verschieben</translation>
    </message>
    <message>
        <source>Move &amp;to:</source>
        <translation>Verschieben &amp;nach:</translation>
    </message>
    <message>
        <source>&amp;Folder path:</source>
        <translation>&amp;Ordnerpfad:</translation>
    </message>
</context>
<context>
    <name>stratus::gui::OverviewView</name>
    <message>
        <source>&amp;Overview</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>%1 · API key %2</source>
        <translation>%1 · API-Schlüssel %2</translation>
    </message>
    <message>
        <source>%1 — an asset&apos;s folder and display name can change without changing its public ID</source>
        <translation>%1 – Ordner und Anzeigename eines Assets lassen sich ändern, ohne dessen Public ID zu ändern</translation>
    </message>
    <message>
        <source>%1 — an asset&apos;s folder is the path of its public ID</source>
        <translation>%1 – der Ordner eines Assets ist der Pfad seiner Public ID</translation>
    </message>
    <message>
        <source>Cannot be opened: %1</source>
        <translation>Kann nicht geöffnet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video(s)</source>
        <translation>
            <numerusform>%n Video</numerusform>
            <numerusform>%n Videos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other file(s)</source>
        <translation>
            <numerusform>%n andere Datei</numerusform>
            <numerusform>%n andere Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n Asset</numerusform>
            <numerusform>%n Assets</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · %2 on this computer</source>
        <translation>%1 · %2 auf diesem Computer</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Today at %1</source>
        <translation>Heute um %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicherplatz</translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation>Bandbreite</translation>
    </message>
    <message>
        <source>These credentials may not read the usage report.</source>
        <translation>Diese Zugangsdaten dürfen den Nutzungsbericht nicht lesen.</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>Noch unbekannt</translation>
    </message>
    <message>
        <source>None: these credentials may do everything Stratus needs.</source>
        <translation>Keiner: Diese Zugangsdaten dürfen alles, was Stratus benötigt.</translation>
    </message>
    <message>
        <source>%1 refused (“%2”); everything else keeps working.</source>
        <translation>%1 abgelehnt („%2“); alles andere funktioniert weiterhin.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>%1 of %2 credits</source>
        <translation>%1 von %2 Credits</translation>
    </message>
    <message>
        <source>%1 · %2 credits</source>
        <translation>%1 · %2 Credits</translation>
    </message>
    <message>
        <source>Transformations</source>
        <translation>Transformationen</translation>
    </message>
    <message>
        <source>%1 of %2 calls left this hour</source>
        <translation>Noch %1 von %2 Aufrufen in dieser Stunde</translation>
    </message>
    <message>
        <source>%1 · new hour at %2</source>
        <translation>%1 · neue Stunde ab %2</translation>
    </message>
    <message>
        <source>Admin API calls</source>
        <translation>Aufrufe der Admin API</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>other file</source>
        <translation>andere Datei</translation>
    </message>
    <message>
        <source>Largest upload: %1</source>
        <translation>Größter Upload: %1</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>%1 plan</source>
        <translation>Tarif %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n asset(s)</source>
        <translation>
            <numerusform>%1 · %n Asset</numerusform>
            <numerusform>%1 · %n Assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::PathBar</name>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Folders above these</source>
        <translation>Übergeordnete Ordner</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>The open folder</source>
        <translation>Der geöffnete Ordner</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Open this folder</source>
        <translation>Diesen Ordner öffnen</translation>
    </message>
</context>
<context>
    <name>stratus::gui::PreviewDialog</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Asset preview</source>
        <translation>Asset-Vorschau</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Left and Right go to the previous and next asset; Space or Esc closes</source>
        <translation>Pfeil links und rechts wechseln zum vorherigen und nächsten Asset; Leertaste oder Esc schließt die Vorschau</translation>
    </message>
    <message>
        <source>The picture could not be loaded.</source>
        <translation>Das Bild konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Not in the catalogue</source>
        <translation>Nicht im Katalog</translation>
    </message>
    <message>
        <source>Preview — %1</source>
        <translation>Vorschau – %1</translation>
    </message>
    <message>
        <source>Video %1</source>
        <translation>Video %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Vorherige Seite (Bild auf)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Nächste Seite (Bild ab)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the picture in the window (0)</source>
        <translation>Bild in das Fenster einpassen (0)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>Actual size: one pixel of the picture on one of the screen (1)</source>
        <translation>Originalgröße: ein Bildpixel auf einem Bildschirmpixel (1)</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>Verkleinern (−)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Vergrößern (+)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>The mouse wheel zooms; drag or use the arrow keys to look around</source>
        <translation>Das Mausrad zoomt; zum Umsehen ziehen oder die Pfeiltasten verwenden</translation>
    </message>
    <message>
        <source>Loading page %1…</source>
        <translation>Seite %1 wird geladen …</translation>
    </message>
    <message>
        <source>This asset is no longer in the catalogue.</source>
        <translation>Dieses Asset ist nicht mehr im Katalog.</translation>
    </message>
    <message>
        <source>Left and Right go to the previous and next asset; Space plays or pauses; Esc closes</source>
        <translation>Pfeil links und rechts wechseln zum vorherigen und nächsten Asset; Leertaste spielt ab oder pausiert; Esc schließt die Vorschau</translation>
    </message>
    <message>
        <source>Audio %1</source>
        <translation>Audio %1</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Page %1 could not be loaded.</source>
        <translation>Seite %1 konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>No link to play.</source>
        <translation>Kein Link zum Abspielen.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>zoom percentage</comment>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
</context>
<context>
    <name>stratus::gui::PreviewWindow</name>
    <message>
        <source>Video Player</source>
        <translation>Video Player</translation>
    </message>
    <message>
        <source>Product Gallery</source>
        <translation>Product Gallery</translation>
    </message>
    <message>
        <source>Video Player: %1</source>
        <translation>Video Player: %1</translation>
    </message>
    <message numerus="yes">
        <source>Product Gallery: %n asset(s)</source>
        <translation>
            <numerusform>Product Gallery: %n Asset</numerusform>
            <numerusform>Product Gallery: %n Assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::ProvisioningPage</name>
    <message>
        <source>This is not an account URL: %1</source>
        <translation>Das ist keine Konto-URL: %1</translation>
    </message>
    <message>
        <source>The account URL has no provisioning secret (account://KEY:SECRET@ACCOUNT_ID).</source>
        <translation>Die Konto-URL enthält kein Provisioning-Geheimnis (account://KEY:SECRET@ACCOUNT_ID).</translation>
    </message>
    <message>
        <source>Enter the account URL, or the account ID, provisioning key and provisioning secret.</source>
        <translation>Die Konto-URL oder Konto-ID, Provisioning-Schlüssel und Provisioning-Geheimnis eingeben.</translation>
    </message>
    <message>
        <source>The account ID or key is not valid: %1</source>
        <translation>Die Konto-ID oder der Schlüssel ist ungültig: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Asking Cloudinary for the account’s product environments…</source>
        <translation>Produktumgebungen des Kontos werden bei Cloudinary abgefragt …</translation>
    </message>
    <message>
        <source>This product environment is disabled in the account.</source>
        <translation>Diese Produktumgebung ist im Konto deaktiviert.</translation>
    </message>
    <message>
        <source>Stratus knows this cloud already.</source>
        <translation>Diese Cloud ist in Stratus bereits vorhanden.</translation>
    </message>
    <message>
        <source>(enter below)</source>
        <translation>(unten eingeben)</translation>
    </message>
    <message>
        <source>from the account</source>
        <translation>aus dem Konto</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>API key of %1</source>
        <translation>API-Schlüssel von %1</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API-Geheimnis</translation>
    </message>
    <message>
        <source>API secret of %1</source>
        <translation>API-Geheimnis von %1</translation>
    </message>
    <message>
        <source>The account has no product environments.</source>
        <translation>Das Konto hat keine Produktumgebungen.</translation>
    </message>
    <message>
        <source>Tick the product environments to add. You can rename them (F2) before adding.</source>
        <translation>Die hinzuzufügenden Produktumgebungen ankreuzen. Vor dem Hinzufügen lassen sie sich umbenennen (F2).</translation>
    </message>
    <message>
        <source>Enter the account’s provisioning credentials and choose “Find Environments”.</source>
        <translation>Die Provisioning-Zugangsdaten des Kontos eingeben und „Umgebungen finden“ wählen.</translation>
    </message>
    <message>
        <source>Give the environment of “%1” a name.</source>
        <translation>Der Umgebung von „%1“ einen Namen geben.</translation>
    </message>
    <message>
        <source>An environment named “%1” exists already; rename it in the list (F2).</source>
        <translation>Eine Umgebung namens „%1“ existiert bereits; in der Liste umbenennen (F2).</translation>
    </message>
    <message>
        <source>Enter the API key and secret of “%1”.</source>
        <translation>API-Schlüssel und API-Geheimnis von „%1“ eingeben.</translation>
    </message>
    <message>
        <source>Tick at least one product environment.</source>
        <translation>Mindestens eine Produktumgebung ankreuzen.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ProxyPassword</name>
    <message>
        <source>Proxy Sign-In</source>
        <translation>Proxy-Anmeldung</translation>
    </message>
    <message>
        <source>The proxy %1:%2 needs a user name and password. Stratus keeps the password in your keychain.</source>
        <translation>Der Proxy %1:%2 verlangt einen Benutzernamen und ein Passwort. Stratus bewahrt das Passwort im Schlüsselbund auf.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
</context>
<context>
    <name>stratus::gui::RenameDialog</name>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>&amp;Anzeigename:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Only the display name changes: the public ID “%1” and its delivery URLs stay the same.</source>
        <translation>Nur der Anzeigename ändert sich: Die Public ID „%1“ und ihre Auslieferungs-URLs bleiben gleich.</translation>
    </message>
    <message>
        <source>Warning: the public ID changes from “%1” to “%2”. Delivery URLs with the old public ID stop working, wherever they are used (web pages, apps, e-mails).</source>
        <translation>Achtung: Die Public ID ändert sich von „%1“ in „%2“. Auslieferungs-URLs mit der alten Public ID funktionieren nicht mehr, wo auch immer sie verwendet werden (Webseiten, Apps, E-Mails).</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ReportProblemDialog</name>
    <message>
        <source>Report a Problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <source>The information below is on the clipboard. Paste it into an e-mail to %1, or into a new issue at %2, and say what you did, what you expected and what happened instead. It holds no password, API secret or signed URL.</source>
        <translation>Die folgenden Informationen befinden sich in der Zwischenablage. Sie in eine E-Mail an %1 oder in ein neues Issue unter %2 einfügen und beschreiben, was getan wurde, was erwartet wurde und was stattdessen geschah. Sie enthalten kein Passwort, kein API-Geheimnis und keine signierte URL.</translation>
    </message>
    <message>
        <source>Write &amp;E-mail</source>
        <translation>&amp;E-Mail schreiben</translation>
    </message>
    <message>
        <source>Open &amp;Issue Tracker</source>
        <translation>&amp;Issue-Tracker öffnen</translation>
    </message>
    <message>
        <source>&amp;Copy Again</source>
        <translation>Erneut &amp;kopieren</translation>
    </message>
    <message>
        <source>Problem with Stratus</source>
        <translation>Problem mit Stratus</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ScopeBar</name>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Überall</translation>
    </message>
    <message>
        <source>Look in every folder of the environment</source>
        <translation>In allen Ordnern der Umgebung suchen</translation>
    </message>
    <message>
        <source>Look only among the assets of the open folder</source>
        <translation>Nur unter den Assets des geöffneten Ordners suchen</translation>
    </message>
    <message>
        <source>Assets with all ticked tags</source>
        <translation>Assets mit allen angekreuzten Tags</translation>
    </message>
    <message>
        <source>Assets with any ticked tag</source>
        <translation>Assets mit einem beliebigen angekreuzten Tag</translation>
    </message>
    <message>
        <source>Whether an asset needs every ticked tag or one of them</source>
        <translation>Ob ein Asset alle angekreuzten Tags braucht oder nur eines davon</translation>
    </message>
    <message>
        <source>Search in:</source>
        <translation>Suchen in:</translation>
    </message>
    <message>
        <source>Filter in:</source>
        <translation>Filtern in:</translation>
    </message>
    <message>
        <source>This folder (%1)</source>
        <translation>Dieser Ordner (%1)</translation>
    </message>
    <message>
        <source>Only this folder</source>
        <translation>Nur dieser Ordner</translation>
    </message>
    <message>
        <source>%1  ✕</source>
        <translation>%1  ✕</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Diesen Filter entfernen</translation>
    </message>
    <message>
        <source>Remove filter %1</source>
        <translation>Filter %1 entfernen</translation>
    </message>
    <message>
        <source>Any of the tags</source>
        <translation>Eines der Tags</translation>
    </message>
    <message>
        <source>All of the tags</source>
        <translation>Alle Tags</translation>
    </message>
    <message>
        <source>Tags to match: %1</source>
        <translation>Tag-Abgleich: %1</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SecretPrompt</name>
    <message>
        <source>Re-enter API Secret</source>
        <translation>API-Geheimnis erneut eingeben</translation>
    </message>
    <message>
        <source>The API secret of “%1” (Cloudinary Console, Settings → API Keys):</source>
        <translation>Das API-Geheimnis von „%1“ (Cloudinary Console, Settings → API Keys):</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>SOCKS5</source>
        <translation>SOCKS5</translation>
    </message>
    <message>
        <source>The new language is used after you restart Stratus.</source>
        <translation>Die neue Sprache wird nach einem Neustart von Stratus verwendet.</translation>
    </message>
    <message>
        <source>Stratus uses a new language after a restart.</source>
        <translation>Eine neue Sprache wird nach einem Neustart von Stratus wirksam.</translation>
    </message>
    <message>
        <source>Enter the proxy’s host name, or choose “System default” or “No proxy”.</source>
        <translation>Den Hostnamen des Proxys eingeben oder „Systemstandard“ bzw. „Kein Proxy“ wählen.</translation>
    </message>
    <message>
        <source>Same as the desktop</source>
        <translation>Wie der Desktop</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Saving the password in your keychain…</source>
        <translation>Passwort wird im Schlüsselbund gespeichert …</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ShortcutsWindow</name>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Search commands and keys</source>
        <translation>Befehle und Tasten durchsuchen</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>In the asset views</source>
        <translation>In den Asset-Ansichten</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SignInDialog</name>
    <message>
        <source>Sign In to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <source>Sign in to Cloudinary again for “%1”: your web browser opens, and Stratus gets new access once you allow it there.</source>
        <translation>Für „%1“ erneut bei Cloudinary anmelden: Der Webbrowser öffnet sich, und Stratus erhält neuen Zugriff, sobald Sie ihn dort erlauben.</translation>
    </message>
    <message>
        <source>You signed in for the product environment “%1”, but this is “%2”. Sign in as someone who may use “%2”, and choose it in the browser.</source>
        <translation>Die Anmeldung galt der Produktumgebung „%1“, dies ist aber „%2“. Mit einem Benutzer anmelden, der „%2“ verwenden darf, und diese Produktumgebung im Browser auswählen.</translation>
    </message>
    <message>
        <source>Saving the sign-in in your keychain…</source>
        <translation>Anmeldung wird im Schlüsselbund gespeichert …</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SignInPage</name>
    <message>
        <source>Your web browser opens, you sign in to Cloudinary there, and Stratus adds the product environment you allow it to use. No API keys needed: this works also when your role cannot see them.</source>
        <translation>Ihr Webbrowser öffnet sich, Sie melden sich dort bei Cloudinary an, und Stratus fügt die Produktumgebung hinzu, deren Nutzung Sie erlauben. Keine API-Schlüssel nötig: Das funktioniert auch, wenn Ihre Rolle sie nicht sehen kann.</translation>
    </message>
    <message>
        <source>Sign In with Cloudinary…</source>
        <translation>Mit Cloudinary anmelden …</translation>
    </message>
    <message>
        <source>This build of Stratus has no client ID for Cloudinary’s sign-in, and it borrows no other application’s. Add the product environment with its API key instead.</source>
        <translation>Dieser Build von Stratus hat keine Client-ID für die Anmeldung bei Cloudinary und leiht sich auch keine einer anderen Anwendung. Die Produktumgebung stattdessen mit ihrem API-Schlüssel hinzufügen.</translation>
    </message>
    <message>
        <source>Use &amp;API Keys</source>
        <translation>&amp;API-Schlüssel verwenden</translation>
    </message>
    <message>
        <source>To try it out first: the Local sandbox on this computer has a sign-in of its own. Its login page shows the password.</source>
        <translation>Zum Ausprobieren: Die lokale Sandbox auf diesem Computer hat eine eigene Anmeldung. Ihre Anmeldeseite zeigt das Passwort an.</translation>
    </message>
    <message>
        <source>Sign In to the &amp;Local Sandbox…</source>
        <translation>Bei der &amp;lokalen Sandbox anmelden …</translation>
    </message>
    <message>
        <source>Waiting for your browser…</source>
        <translation>Warten auf den Browser …</translation>
    </message>
    <message>
        <source>Sign in to Cloudinary in your web browser and allow Stratus in. Stratus goes on by itself once you have.</source>
        <translation>Im Webbrowser bei Cloudinary anmelden und Stratus den Zugriff erlauben. Danach macht Stratus von selbst weiter.</translation>
    </message>
    <message>
        <source>No browser opened? Open this &amp;link in one:</source>
        <translation>Kein Browser geöffnet? Diesen &amp;Link in einem Browser öffnen:</translation>
    </message>
    <message>
        <source>Sign-in link</source>
        <translation>Anmeldelink</translation>
    </message>
    <message>
        <source>&amp;Copy Link</source>
        <translation>Link &amp;kopieren</translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation>Der Link befindet sich in der Zwischenablage.</translation>
    </message>
    <message>
        <source>&amp;Open Browser Again</source>
        <translation>Browser erneut &amp;öffnen</translation>
    </message>
    <message>
        <source>Cancel Sign-In</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>Finishing sign-in…</source>
        <translation>Anmeldung wird abgeschlossen …</translation>
    </message>
    <message>
        <source>Signing in did not work</source>
        <translation>Die Anmeldung hat nicht funktioniert</translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation>Erneut &amp;versuchen</translation>
    </message>
    <message>
        <source>Sign in with Cloudinary is not available in this build</source>
        <translation>Die Anmeldung mit Cloudinary ist in diesem Build nicht verfügbar</translation>
    </message>
    <message>
        <source>You are signed in</source>
        <translation>Sie sind angemeldet</translation>
    </message>
    <message>
        <source>Stratus has what it needs. Close this tab and go back to Stratus.</source>
        <translation>Stratus hat alles, was es braucht. Schließen Sie diesen Tab und kehren Sie zu Stratus zurück.</translation>
    </message>
    <message>
        <source>Go back to Stratus: it says what went wrong and lets you try again.</source>
        <translation>Kehren Sie zu Stratus zurück: Dort steht, was schiefgegangen ist, und Sie können es erneut versuchen.</translation>
    </message>
    <message>
        <source>No web browser could be started. Copy the link and open it in one.</source>
        <translation>Es konnte kein Webbrowser gestartet werden. Den Link kopieren und in einem Browser öffnen.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SignedUrlLimits</name>
    <message>
        <source>This environment is signed in with Cloudinary: private and authenticated files cannot be previewed or linked here, because signed URLs need the API secret.</source>
        <translation>Diese Umgebung ist mit Cloudinary angemeldet: Private und authentifizierte Dateien können hier weder in der Vorschau angezeigt noch verlinkt werden, weil signierte URLs das API-Geheimnis benötigen.</translation>
    </message>
    <message>
        <source>No preview: this environment is signed in with Cloudinary, and a private or authenticated file’s signed URL needs the API secret.</source>
        <translation>Keine Vorschau: Diese Umgebung ist mit Cloudinary angemeldet, und die signierte URL einer privaten oder authentifizierten Datei benötigt das API-Geheimnis.</translation>
    </message>
    <message>
        <source>Private and authenticated files cannot be linked here: this environment is signed in with Cloudinary, and signed URLs need the API secret.</source>
        <translation>Private und authentifizierte Dateien können hier nicht verlinkt werden: Diese Umgebung ist mit Cloudinary angemeldet, und signierte URLs benötigen das API-Geheimnis.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SnippetPanel</name>
    <message>
        <source>&amp;HTML</source>
        <translation>&amp;HTML</translation>
    </message>
    <message>
        <source>&amp;JavaScript</source>
        <translation>&amp;JavaScript</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the snippet shown, to paste into a web page</source>
        <translation>Den angezeigten Code kopieren, um ihn in eine Webseite einzufügen</translation>
    </message>
    <message>
        <source>Embed on a web page</source>
        <translation>In eine Webseite einbetten</translation>
    </message>
</context>
<context>
    <name>stratus::gui::TagsDialog</name>
    <message numerus="yes">
        <source>Edit tags of %n asset(s)</source>
        <translation>
            <numerusform>Tags von %n Asset bearbeiten</numerusform>
            <numerusform>Tags von %n Assets bearbeiten</numerusform>
        </translation>
    </message>
    <message>
        <source>tag, another tag</source>
        <translation>Tag, weiteres Tag</translation>
    </message>
    <message>
        <source>The selected assets share no tag.</source>
        <translation>Die ausgewählten Assets haben kein gemeinsames Tag.</translation>
    </message>
    <message>
        <source>Every selected asset has: %1</source>
        <translation>Alle ausgewählten Assets haben: %1</translation>
    </message>
    <message>
        <source>Separate tags with commas. Tags are changed on Cloudinary at once.</source>
        <translation>Tags durch Kommas trennen. Tags werden sofort in Cloudinary geändert.</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>&amp;Add tags:</source>
        <translation>Tags &amp;hinzufügen:</translation>
    </message>
    <message>
        <source>&amp;Remove tags:</source>
        <translation>Tags &amp;entfernen:</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ThemeController</name>
    <message>
        <source>&amp;Same as the Desktop</source>
        <translation>&amp;Wie der Desktop</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ThumbnailDelegate</name>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadController</name>
    <message>
        <source>Already Uploaded</source>
        <translation>Bereits hochgeladen</translation>
    </message>
    <message>
        <source>“%1” is already in this environment as %2.</source>
        <translation>„%1“ ist in dieser Umgebung bereits als %2 vorhanden.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>What should happen to it, and to any other file of this upload that is already there?</source>
        <translation>Was soll mit dieser Datei und mit allen anderen bereits vorhandenen Dateien dieses Uploads geschehen?</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>&amp;Überspringen</translation>
    </message>
    <message>
        <source>&amp;Upload Anyway</source>
        <translation>&amp;Trotzdem hochladen</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Ersetzen</translation>
    </message>
    <message>
        <source>Upload it as a new asset; both stay</source>
        <translation>Als neues Asset hochladen; beide bleiben erhalten</translation>
    </message>
    <message>
        <source>Upload it over the existing asset (same public ID and URL)</source>
        <translation>Das vorhandene Asset überschreiben (gleiche Public ID und URL)</translation>
    </message>
    <message>
        <source>Cannot Upload</source>
        <translation>Hochladen nicht möglich</translation>
    </message>
    <message>
        <source>Open an environment first: files are uploaded to the environment shown.</source>
        <translation>Zuerst eine Umgebung öffnen: Dateien werden in die angezeigte Umgebung hochgeladen.</translation>
    </message>
    <message>
        <source>Cannot Upload Now</source>
        <translation>Hochladen derzeit nicht möglich</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>The upload queue could not be started: %1</source>
        <translation>Die Upload-Warteschlange konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>The files could not be queued: %1</source>
        <translation>Die Dateien konnten nicht in die Warteschlange gestellt werden: %1</translation>
    </message>
    <message>
        <source>Upload Files</source>
        <translation>Dateien hochladen</translation>
    </message>
    <message>
        <source>Upload Folder</source>
        <translation>Ordner hochladen</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) uploaded</source>
        <translation>
            <numerusform>%n Datei hochgeladen</numerusform>
            <numerusform>%n Dateien hochgeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there</source>
        <translation>
            <numerusform>%n bereits vorhanden</numerusform>
            <numerusform>%n bereits vorhanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n abgebrochen</numerusform>
            <numerusform>%n abgebrochen</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload finished with errors</source>
        <translation>Hochladen mit Fehlern abgeschlossen</translation>
    </message>
    <message>
        <source>Upload finished</source>
        <translation>Hochladen abgeschlossen</translation>
    </message>
    <message>
        <source>Options for Dropped and Pasted Files</source>
        <translation>Optionen für abgelegte und eingefügte Dateien</translation>
    </message>
    <message>
        <source>Nothing to Upload</source>
        <translation>Nichts hochzuladen</translation>
    </message>
    <message>
        <source>There is no file to upload: what was chosen is empty, or holds only hidden files and links to folders, which are left out.</source>
        <translation>Es gibt keine Datei zum Hochladen: Die Auswahl ist leer oder enthält nur versteckte Dateien und Verknüpfungen auf Ordner, die ausgelassen werden.</translation>
    </message>
    <message>
        <source>“%1” refuses Stratus&apos;s credentials (%2). Fix them in Accounts; nothing was queued.</source>
        <translation>„%1“ lehnt die Zugangsdaten von Stratus ab (%2). Diese unter „Konten“ korrigieren; es wurde nichts in die Warteschlange gestellt.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>… und %n weitere.</numerusform>
            <numerusform>… und %n weitere.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too Large to Upload</source>
        <translation>Zu groß zum Hochladen</translation>
    </message>
    <message>
        <source>Upload “%1”</source>
        <translation>„%1“ hochladen</translation>
    </message>
    <message numerus="yes">
        <source>Upload %n Item(s)</source>
        <translation>
            <numerusform>%n Element hochladen</numerusform>
            <numerusform>%n Elemente hochladen</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>Open an environment first: the Upload widget uploads into the folder it shows.</source>
        <translation>Öffnen Sie zuerst eine Umgebung: Das Upload-Widget lädt in den dort angezeigten Ordner hoch.</translation>
    </message>
    <message>
        <source>The Upload widget is not available in this window.</source>
        <translation>Das Upload-Widget ist in diesem Fenster nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadDock</name>
    <message>
        <source>Files being uploaded</source>
        <translation>Dateien, die hochgeladen werden</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Pause the selected files (Space)</source>
        <translation>Ausgewählte Dateien pausieren (Leertaste)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the selected files (Space)</source>
        <translation>Ausgewählte Dateien fortsetzen (Leertaste)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <source>Stop uploading the selected files (Delete)</source>
        <translation>Hochladen der ausgewählten Dateien abbrechen (Entf)</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Try the selected files again (Ctrl+R)</source>
        <translation>Ausgewählte Dateien erneut versuchen (Strg+R)</translation>
    </message>
    <message>
        <source>Pause All</source>
        <translation>Alle pausieren</translation>
    </message>
    <message>
        <source>Pause every file</source>
        <translation>Alle Dateien pausieren</translation>
    </message>
    <message>
        <source>Resume All</source>
        <translation>Alle fortsetzen</translation>
    </message>
    <message>
        <source>Resume every paused file</source>
        <translation>Alle pausierten Dateien fortsetzen</translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Stop every file that is not uploaded yet</source>
        <translation>Alle noch nicht hochgeladenen Dateien abbrechen</translation>
    </message>
    <message>
        <source>Retry Failed</source>
        <translation>Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <source>Try every failed file again</source>
        <translation>Alle fehlgeschlagenen Dateien erneut versuchen</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Abgeschlossene entfernen</translation>
    </message>
    <message>
        <source>Remove uploaded, skipped and cancelled files from the list</source>
        <translation>Hochgeladene, übersprungene und abgebrochene Dateien aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Pause or Resume</source>
        <translation>Pausieren oder fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>%1%, %2 of %n file(s)</source>
        <translation>
            <numerusform>%1&#xa0;%, %2 von %n Datei</numerusform>
            <numerusform>%1&#xa0;%, %2 von %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2/s</source>
        <translation>%1, %2/s</translation>
    </message>
    <message>
        <source>%1, paused</source>
        <translation>%1, pausiert</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed</source>
        <translation>
            <numerusform>%1, %n fehlgeschlagen</numerusform>
            <numerusform>%1, %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) uploaded</source>
        <translation>
            <numerusform>%n Datei hochgeladen</numerusform>
            <numerusform>%n Dateien hochgeladen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Options…</source>
        <translation>&amp;Optionen…</translation>
    </message>
    <message>
        <source>Tags, upload preset and public IDs for dropped and pasted files</source>
        <translation>Tags, Upload-Preset und Public IDs für abgelegte und eingefügte Dateien</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>&amp;Uploads</source>
        <translation>&amp;Uploads</translation>
    </message>
    <message>
        <source>&amp;Downloads</source>
        <translation>&amp;Downloads</translation>
    </message>
    <message>
        <source>%1, waiting for connection</source>
        <translation>%1, wartet auf Verbindung</translation>
    </message>
    <message>
        <source>Transfers — %1</source>
        <translation>Übertragungen – %1</translation>
    </message>
    <message>
        <source>Keep &amp;Open</source>
        <translation>&amp;Geöffnet lassen</translation>
    </message>
    <message>
        <source>Keep the Transfers panel open when nothing is transferred; otherwise it closes once the transfers are done</source>
        <translation>Bereich „Übertragungen“ geöffnet lassen, wenn nichts übertragen wird; sonst schließt er sich, sobald die Übertragungen abgeschlossen sind</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadListModel</name>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Checking for duplicates</source>
        <translation>Suche nach Duplikaten</translation>
    </message>
    <message>
        <source>Already uploaded — waiting for your answer</source>
        <translation>Bereits hochgeladen – wartet auf Ihre Antwort</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Skipped: already uploaded</source>
        <translation>Übersprungen: bereits hochgeladen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Retrying in %1 (attempt %2): %3</source>
        <translation>Neuer Versuch in %1 (Versuch %2): %3</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>To folder</source>
        <translation>Zielordner</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Already uploaded as %1</source>
        <translation>Bereits hochgeladen als %1</translation>
    </message>
    <message>
        <source>Waiting for connection</source>
        <translation>Wartet auf Verbindung</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadOptionsDialog</name>
    <message>
        <source>Upload Options</source>
        <translation>Upload-Optionen</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>The folder the files go to; the sub-folders of an uploaded folder go below it</source>
        <translation>Der Ordner, in den die Dateien kommen; die Unterordner eines hochgeladenen Ordners kommen darunter</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>e.g. holiday, 2026</source>
        <translation>z. B. Urlaub, 2026</translation>
    </message>
    <message>
        <source>Tags for every file, separated by commas</source>
        <translation>Tags für jede Datei, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keines</translation>
    </message>
    <message>
        <source>An upload preset of this environment: its settings apply to every file</source>
        <translation>Ein Upload-Preset dieser Umgebung: seine Einstellungen gelten für jede Datei</translation>
    </message>
    <message>
        <source>Upload &amp;preset:</source>
        <translation>Upload-&amp;Preset:</translation>
    </message>
    <message>
        <source>File name with a random &amp;suffix (never replaces anything)</source>
        <translation>Dateiname mit zufälligem &amp;Suffix (ersetzt nie etwas)</translation>
    </message>
    <message>
        <source>File name &amp;exactly (replaces an asset of the same name)</source>
        <translation>Dateiname &amp;genau (ersetzt ein Asset gleichen Namens)</translation>
    </message>
    <message>
        <source>&amp;Random public ID</source>
        <translation>&amp;Zufällige Public ID</translation>
    </message>
    <message>
        <source>Public IDs:</source>
        <translation>Public IDs:</translation>
    </message>
    <message>
        <source>Presets cannot be listed now: %1</source>
        <translation>Presets können jetzt nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Listing the presets…</source>
        <translation>Presets werden aufgelistet…</translation>
    </message>
    <message>
        <source>Presets cannot be listed: %1</source>
        <translation>Presets können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>%1 (unsigned)</source>
        <translation>%1 (unsigniert)</translation>
    </message>
    <message>
        <source>This environment has no upload presets.</source>
        <translation>Diese Umgebung hat keine Upload-Presets.</translation>
    </message>
    <message>
        <source>Structured metadata</source>
        <translation>Strukturierte Metadaten</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadWidgetWindow</name>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>Stratus refused to sign an upload that was not the one you chose. Nothing was uploaded.</source>
        <translation>Stratus hat es abgelehnt, einen Upload zu signieren, der nicht der von Ihnen gewählte war. Es wurde nichts hochgeladen.</translation>
    </message>
    <message>
        <source>The Upload widget reported a problem: %1</source>
        <translation>Das Upload-Widget meldet ein Problem: %1</translation>
    </message>
    <message>
        <source>Upload Preset</source>
        <translation>Upload-Preset</translation>
    </message>
    <message>
        <source>This environment is signed in with Cloudinary, so the Upload widget uploads through an unsigned upload preset. Which one?</source>
        <translation>Diese Umgebung ist mit Cloudinary angemeldet, daher lädt das Upload-Widget über ein unsigniertes Upload-Preset hoch. Welches?</translation>
    </message>
    <message>
        <source>The Upload widget cannot be opened: %1</source>
        <translation>Das Upload-Widget kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The Upload widget needs the environment&apos;s API secret or a sign-in with Cloudinary.</source>
        <translation>Das Upload-Widget braucht das API-Secret der Umgebung oder eine Anmeldung mit Cloudinary.</translation>
    </message>
    <message>
        <source>Listing the environment&apos;s upload presets…</source>
        <translation>Die Upload-Presets der Umgebung werden abgerufen…</translation>
    </message>
    <message>
        <source>Stratus could not list this environment&apos;s upload presets: %1</source>
        <translation>Stratus konnte die Upload-Presets dieser Umgebung nicht abrufen: %1</translation>
    </message>
    <message>
        <source>No Unsigned Upload Preset</source>
        <translation>Kein unsigniertes Upload-Preset</translation>
    </message>
    <message>
        <source>This environment is signed in with Cloudinary, and then the Upload widget can only upload through an unsigned upload preset — this environment has none. An administrator can add one in the Cloudinary Console (Settings → Upload → Upload presets, signing mode &quot;Unsigned&quot;). Until then, Stratus&apos;s own Upload button uploads files here as usual.</source>
        <translation>Diese Umgebung ist mit Cloudinary angemeldet; dann kann das Upload-Widget nur über ein unsigniertes Upload-Preset hochladen – und diese Umgebung hat keines. Eine Administratorin oder ein Administrator kann eines in der Cloudinary-Konsole anlegen (Settings → Upload → Upload presets, Signiermodus „Unsigned“). Bis dahin lädt die eigene Hochladen-Schaltfläche von Stratus Dateien wie gewohnt hierher hoch.</translation>
    </message>
    <message>
        <source>The Upload widget could not start</source>
        <translation>Das Upload-Widget konnte nicht starten</translation>
    </message>
    <message>
        <source>Uploaded %1</source>
        <translation>%1 hochgeladen</translation>
    </message>
    <message>
        <source>Upload to Home</source>
        <translation>In „Start“ hochladen</translation>
    </message>
    <message>
        <source>Upload to %1</source>
        <translation>Nach %1 hochladen</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UsageMeter</name>
    <message>
        <source>Near the limit: %1 % used</source>
        <translation>Fast ausgeschöpft: %1&#xa0;% verbraucht</translation>
    </message>
    <message>
        <source>%1, %2 % used, near the limit</source>
        <translation>%1, %2&#xa0;% verbraucht, fast ausgeschöpft</translation>
    </message>
    <message>
        <source>%1, %2 % used</source>
        <translation>%1, %2&#xa0;% verbraucht</translation>
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
        <translation>Stratus ist ein schnelles Zuhause auf dem Desktop für Bilder, Videos und Dateien in Cloudinary: durchblättern, suchen, hochladen und transformieren – über alle Konten und Produktumgebungen hinweg.</translation>
    </message>
    <message>
        <source>No product environment</source>
        <translation>Keine Produktumgebung</translation>
    </message>
</context>
<context>
    <name>stratus::gui::WidgetHost</name>
    <message>
        <source>Try Again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>the Media Library</source>
        <translation>die Media Library</translation>
    </message>
    <message>
        <source>the Upload widget</source>
        <translation>das Upload-Widget</translation>
    </message>
    <message>
        <source>the Media Editor</source>
        <translation>der Media Editor</translation>
    </message>
    <message>
        <source>the Video Player</source>
        <translation>der Video Player</translation>
    </message>
    <message>
        <source>the Product Gallery</source>
        <translation>die Product Gallery</translation>
    </message>
    <message>
        <source>%1 is not available here</source>
        <translation>%1 ist hier nicht verfügbar</translation>
    </message>
    <message>
        <source>%1 could not be opened</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The page that holds it did not load. Try again.</source>
        <translation>Die Seite, die es enthält, wurde nicht geladen. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The sandbox does not answer</source>
        <translation>Die Sandbox antwortet nicht</translation>
    </message>
    <message>
        <source>Stratus could not load %1 from the sandbox at %2. Check that it is running, then try again.</source>
        <translation>%1 konnte nicht aus der Sandbox unter %2 geladen werden. Prüfen Sie, ob sie läuft, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>%1 needs an internet connection</source>
        <translation>%1 braucht eine Internetverbindung</translation>
    </message>
    <message>
        <source>Stratus could not load it from %1. Check your connection, then try again. The rest of Stratus works offline.</source>
        <translation>Stratus konnte es nicht von %1 laden. Prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut. Der Rest von Stratus funktioniert auch offline.</translation>
    </message>
    <message>
        <source>%1 is closed</source>
        <translation>%1 ist geschlossen</translation>
    </message>
    <message>
        <source>Its sign-in and data were removed from this computer.</source>
        <translation>Seine Anmeldung und Daten wurden von diesem Computer entfernt.</translation>
    </message>
    <message>
        <source>Allow %1 to use your microphone?</source>
        <translation>%1 erlauben, Ihr Mikrofon zu verwenden?</translation>
    </message>
    <message>
        <source>Allow %1 to use your camera?</source>
        <translation>%1 erlauben, Ihre Kamera zu verwenden?</translation>
    </message>
    <message>
        <source>Allow %1 to use your camera and microphone?</source>
        <translation>%1 erlauben, Ihre Kamera und Ihr Mikrofon zu verwenden?</translation>
    </message>
    <message>
        <source>Camera and Microphone</source>
        <translation>Kamera und Mikrofon</translation>
    </message>
    <message>
        <source>Stratus asks each time a widget wants them. Nothing is recorded until you allow it.</source>
        <translation>Stratus fragt jedes Mal, wenn ein Widget sie nutzen möchte. Nichts wird aufgenommen, bevor Sie es erlauben.</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>Don&apos;t Allow</source>
        <translation>Nicht erlauben</translation>
    </message>
</context>
<context>
    <name>stratus::gui::WidgetWindow</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ZoomImageView</name>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
</context>
<context>
    <name>stratus::web::WidgetView</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
</context>
<context>
    <name>stratus::words::CheckWords</name>
    <message>
        <source>The check failed: %1</source>
        <translation>Die Prüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The API key or the API secret is wrong. Copy both again from the Cloudinary Console (Settings → API Keys) and check that the key is enabled. The server said: “%1”.</source>
        <translation>Der API-Schlüssel oder das API-Geheimnis ist falsch. Beide erneut aus der Cloudinary Console kopieren (Settings → API Keys) und prüfen, ob der Schlüssel aktiviert ist. Antwort des Servers: „%1“.</translation>
    </message>
    <message>
        <source>There is no cloud named “%1”. Check the cloud name on the dashboard of the Cloudinary Console; it is case-sensitive.</source>
        <translation>Es gibt keine Cloud namens „%1“. Den Cloud-Namen im Dashboard der Cloudinary Console prüfen; Groß- und Kleinschreibung wird unterschieden.</translation>
    </message>
    <message>
        <source>Cloudinary could not be reached: %1. Check your internet connection; if you reach the internet through a proxy, check it in Settings → Network.</source>
        <translation>Cloudinary ist nicht erreichbar: %1. Die Internetverbindung prüfen; bei Internetzugang über einen Proxy diesen unter Einstellungen → Netzwerk-Proxy prüfen.</translation>
    </message>
    <message>
        <source>The network proxy refused the connection or asked for a password (%1). Check the proxy in Settings → Network.</source>
        <translation>Der Netzwerk-Proxy hat die Verbindung abgelehnt oder ein Passwort verlangt (%1). Den Proxy unter Einstellungen → Netzwerk-Proxy prüfen.</translation>
    </message>
    <message>
        <source>No secure connection could be made (certificate or TLS error: %1). If your network inspects encrypted traffic, ask your administrator to let Cloudinary through; Stratus never ignores certificate errors.</source>
        <translation>Es konnte keine sichere Verbindung hergestellt werden (Zertifikats- oder TLS-Fehler: %1). Falls das Netzwerk verschlüsselten Datenverkehr untersucht, die Administration bitten, Cloudinary durchzulassen; Stratus ignoriert Zertifikatsfehler grundsätzlich nicht.</translation>
    </message>
    <message>
        <source>These credentials may not use the Admin API. The server said: “%1”. Limited keys still work for what they may do (for example uploading or delivering), but Stratus cannot browse or search this environment with them. Use a key with Admin API access, or choose “Add Anyway” to keep it with these limits.</source>
        <translation>Diese Zugangsdaten dürfen die Admin API nicht verwenden. Antwort des Servers: „%1“. Eingeschränkte Schlüssel funktionieren weiterhin für das, was sie dürfen (zum Beispiel Hochladen oder Ausliefern), aber Stratus kann diese Umgebung damit weder durchblättern noch durchsuchen. Einen Schlüssel mit Zugriff auf die Admin API verwenden oder mit „Trotzdem hinzufügen“ die Umgebung mit diesen Einschränkungen behalten.</translation>
    </message>
    <message>
        <source>This environment has used up its Admin API calls for now (the server said: “%1”). Try again after %2.</source>
        <translation>Diese Umgebung hat ihre Aufrufe der Admin API vorerst aufgebraucht (Antwort des Servers: „%1“). Ab %2 erneut versuchen.</translation>
    </message>
    <message>
        <source>This environment has used up its Admin API calls for now (the server said: “%1”). Try again in a while; the budget is renewed every hour.</source>
        <translation>Diese Umgebung hat ihre Aufrufe der Admin API vorerst aufgebraucht (Antwort des Servers: „%1“). Später erneut versuchen; das Kontingent wird stündlich erneuert.</translation>
    </message>
    <message>
        <source>The server answered with an error that is not about your credentials: “%1”. Try again later; if this is a private or local server, check its address (upload_prefix).</source>
        <translation>Der Server hat mit einem Fehler geantwortet, der nicht die Zugangsdaten betrifft: „%1“. Später erneut versuchen; bei einem privaten oder lokalen Server dessen Adresse prüfen (upload_prefix).</translation>
    </message>
    <message>
        <source>Your keychain (Secret Service) is locked or not running, and Stratus keeps secrets nowhere else. Unlock your keyring, or start gnome-keyring or KWallet, and try again. Nothing was changed.</source>
        <translation>Der Schlüsselbund (Secret Service) ist gesperrt oder läuft nicht, und Stratus bewahrt Geheimnisse nirgendwo sonst auf. Den Schlüsselbund entsperren oder gnome-keyring bzw. KWallet starten und erneut versuchen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The address would send the API secret unencrypted (plain http) to another computer, where anyone on the networks in between could read it. Stratus does that only when you allow it for the environment: use an https:// address, or allow unencrypted sending in Accounts.</source>
        <translation>Die Adresse würde das API-Geheimnis unverschlüsselt (reines http) an einen anderen Computer senden, wo es jeder in den Netzen dazwischen mitlesen könnte. Stratus tut das nur, wenn es für die Umgebung erlaubt wurde: eine https://-Adresse verwenden oder unverschlüsseltes Senden unter Konten erlauben.</translation>
    </message>
    <message>
        <source>the API key or secret is wrong for cloud &apos;%1&apos; (the server said: %2)</source>
        <translation>der API-Schlüssel oder das API-Geheimnis für die Cloud „%1“ ist falsch (Antwort des Servers: %2)</translation>
    </message>
    <message>
        <source>there is no cloud named &apos;%1&apos; at %2 (the server said: %3)</source>
        <translation>unter %2 gibt es keine Cloud namens „%1“ (Antwort des Servers: %3)</translation>
    </message>
    <message>
        <source>cannot find the host %1 (no network or no DNS?): %2</source>
        <translation>der Host %1 wurde nicht gefunden (kein Netzwerk oder kein DNS?): %2</translation>
    </message>
    <message>
        <source>no connection to %1: nothing answers there (%2); check the network and the URL</source>
        <translation>keine Verbindung zu %1: Dort antwortet nichts (%2); Netzwerk und URL prüfen</translation>
    </message>
    <message>
        <source>no connection to %1: it did not answer in time; check the network</source>
        <translation>keine Verbindung zu %1: Es kam keine rechtzeitige Antwort; das Netzwerk prüfen</translation>
    </message>
    <message>
        <source>no connection to %1 (%2); check the network</source>
        <translation>keine Verbindung zu %1 (%2); das Netzwerk prüfen</translation>
    </message>
    <message>
        <source>the proxy %1 failed on the way to %2 (%3); check http_proxy, https_proxy and no_proxy</source>
        <translation>der Proxy %1 ist auf dem Weg zu %2 gescheitert (%3); http_proxy, https_proxy und no_proxy prüfen</translation>
    </message>
    <message>
        <source>(system)</source>
        <translation>(System)</translation>
    </message>
    <message>
        <source>the secure connection to %1 failed (%2)</source>
        <translation>die sichere Verbindung zu %1 ist fehlgeschlagen (%2)</translation>
    </message>
    <message>
        <source>these credentials may not use the Admin API of cloud &apos;%1&apos; (403: %2)</source>
        <translation>diese Zugangsdaten dürfen die Admin API der Cloud „%1“ nicht verwenden (403: %2)</translation>
    </message>
    <message>
        <source>the Admin API rate limit of cloud &apos;%1&apos; is spent until %2; try again then</source>
        <translation>das Aufruflimit der Admin API für die Cloud „%1“ ist bis %2 aufgebraucht; dann erneut versuchen</translation>
    </message>
    <message>
        <source>the Admin API rate limit of cloud &apos;%1&apos; is spent; try again later</source>
        <translation>das Aufruflimit der Admin API für die Cloud „%1“ ist aufgebraucht; später erneut versuchen</translation>
    </message>
    <message>
        <source>the server at %1 failed (%2); try again later</source>
        <translation>beim Server unter %1 ist ein Fehler aufgetreten (%2); später erneut versuchen</translation>
    </message>
    <message>
        <source>the connection test failed: %1</source>
        <translation>der Verbindungstest ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>stratus::words::ErrorWords</name>
    <message>
        <source>This is not valid.</source>
        <translation>Das ist nicht gültig.</translation>
    </message>
    <message>
        <source>Cloudinary refused the request as invalid.</source>
        <translation>Cloudinary hat die Anfrage als ungültig abgelehnt.</translation>
    </message>
    <message>
        <source>Cloudinary refused the request: %1</source>
        <translation>Cloudinary hat die Anfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>The server could not be found. Check your internet connection.</source>
        <translation>Der Server wurde nicht gefunden. Die Internetverbindung prüfen.</translation>
    </message>
    <message>
        <source>The server refused the connection.</source>
        <translation>Der Server hat die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <source>The server stopped answering.</source>
        <translation>Der Server antwortet nicht mehr.</translation>
    </message>
    <message>
        <source>The network proxy refused the connection. Check the proxy in Settings → Network.</source>
        <translation>Der Netzwerk-Proxy hat die Verbindung abgelehnt. Den Proxy unter Einstellungen → Netzwerk prüfen.</translation>
    </message>
    <message>
        <source>The network proxy asks for a user name and password. Check the proxy in Settings → Network.</source>
        <translation>Der Netzwerk-Proxy verlangt einen Benutzernamen und ein Passwort. Den Proxy unter Einstellungen → Netzwerk prüfen.</translation>
    </message>
    <message>
        <source>No secure connection could be made. Stratus never ignores certificate errors.</source>
        <translation>Es konnte keine sichere Verbindung hergestellt werden. Stratus ignoriert Zertifikatsfehler nie.</translation>
    </message>
    <message>
        <source>No secure connection could be made (%1). Stratus never ignores certificate errors.</source>
        <translation>Es konnte keine sichere Verbindung hergestellt werden (%1). Stratus ignoriert Zertifikatsfehler nie.</translation>
    </message>
    <message>
        <source>The network failed.</source>
        <translation>Das Netzwerk ist ausgefallen.</translation>
    </message>
    <message>
        <source>The network failed: %1</source>
        <translation>Das Netzwerk ist ausgefallen: %1</translation>
    </message>
    <message>
        <source>Cloudinary refused the API key or secret.</source>
        <translation>Cloudinary hat den API-Schlüssel oder das Geheimnis abgelehnt.</translation>
    </message>
    <message>
        <source>Cloudinary refused the API key or secret: %1</source>
        <translation>Cloudinary hat den API-Schlüssel oder das Geheimnis abgelehnt: %1</translation>
    </message>
    <message>
        <source>These credentials may not do this.</source>
        <translation>Diese Zugangsdaten dürfen das nicht.</translation>
    </message>
    <message>
        <source>These credentials may not do this: %1</source>
        <translation>Diese Zugangsdaten dürfen das nicht: %1</translation>
    </message>
    <message>
        <source>Cloudinary does not have it (any more).</source>
        <translation>Cloudinary hat es nicht (mehr).</translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>Nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Cloudinary refused it as a conflict.</source>
        <translation>Cloudinary hat es wegen eines Konflikts abgelehnt.</translation>
    </message>
    <message>
        <source>Cloudinary refused it as a conflict: %1</source>
        <translation>Cloudinary hat es wegen eines Konflikts abgelehnt: %1</translation>
    </message>
    <message>
        <source>Too many requests for now; Cloudinary accepts more after %1.</source>
        <translation>Vorerst zu viele Anfragen; Cloudinary nimmt ab %1 wieder welche an.</translation>
    </message>
    <message>
        <source>Too many requests for now; try again in a while.</source>
        <translation>Vorerst zu viele Anfragen; später erneut versuchen.</translation>
    </message>
    <message>
        <source>Cloudinary had a server error (HTTP %1).</source>
        <translation>Bei Cloudinary ist ein Serverfehler aufgetreten (HTTP %1).</translation>
    </message>
    <message>
        <source>Cloudinary had a server error: %1</source>
        <translation>Bei Cloudinary ist ein Serverfehler aufgetreten: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>A local file could not be read or written.</source>
        <translation>Eine lokale Datei konnte nicht gelesen oder geschrieben werden.</translation>
    </message>
    <message>
        <source>A local file could not be read or written: %1</source>
        <translation>Eine lokale Datei konnte nicht gelesen oder geschrieben werden: %1</translation>
    </message>
    <message>
        <source>A local file is damaged and must be rebuilt.</source>
        <translation>Eine lokale Datei ist beschädigt und muss neu aufgebaut werden.</translation>
    </message>
    <message>
        <source>The system keychain does not answer. Check that it is running and unlocked.</source>
        <translation>Der Schlüsselbund des Systems antwortet nicht. Prüfen, ob er läuft und entsperrt ist.</translation>
    </message>
    <message>
        <source>The system keychain does not answer (%1). Check that it is running and unlocked.</source>
        <translation>Der Schlüsselbund des Systems antwortet nicht (%1). Prüfen, ob er läuft und entsperrt ist.</translation>
    </message>
    <message>
        <source>The credentials would go over plain http to another computer, which is not allowed.</source>
        <translation>Die Zugangsdaten würden unverschlüsselt (http) an einen anderen Computer gehen, und das ist nicht erlaubt.</translation>
    </message>
    <message>
        <source>Something went wrong inside Stratus.</source>
        <translation>In Stratus ist etwas schiefgegangen.</translation>
    </message>
    <message>
        <source>Something went wrong inside Stratus: %1</source>
        <translation>In Stratus ist etwas schiefgegangen: %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Re-enter Secret…</source>
        <translation>Geheimnis erneut eingeben …</translation>
    </message>
    <message>
        <source>Sign In Again…</source>
        <translation>Erneut anmelden …</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Einstellungen öffnen …</translation>
    </message>
    <message>
        <source>The account label contains %1 (at character %2), a control character or line break. Names may not contain control characters, line breaks or text-direction controls.</source>
        <translation>Die Kontobezeichnung enthält %1 (an Zeichen %2), ein Steuerzeichen oder einen Zeilenumbruch. Namen dürfen keine Steuerzeichen, Zeilenumbrüche oder Textrichtungszeichen enthalten.</translation>
    </message>
    <message>
        <source>The environment name contains %1 (at character %2), a control character or line break. Names may not contain control characters, line breaks or text-direction controls.</source>
        <translation>Der Umgebungsname enthält %1 (an Zeichen %2), ein Steuerzeichen oder einen Zeilenumbruch. Namen dürfen keine Steuerzeichen, Zeilenumbrüche oder Textrichtungszeichen enthalten.</translation>
    </message>
    <message>
        <source>The account label contains %1 (at character %2), a text-direction control. Names may not contain control characters, line breaks or text-direction controls.</source>
        <translation>Die Kontobezeichnung enthält %1 (an Zeichen %2), ein Textrichtungszeichen. Namen dürfen keine Steuerzeichen, Zeilenumbrüche oder Textrichtungszeichen enthalten.</translation>
    </message>
    <message>
        <source>The environment name contains %1 (at character %2), a text-direction control. Names may not contain control characters, line breaks or text-direction controls.</source>
        <translation>Der Umgebungsname enthält %1 (an Zeichen %2), ein Textrichtungszeichen. Namen dürfen keine Steuerzeichen, Zeilenumbrüche oder Textrichtungszeichen enthalten.</translation>
    </message>
    <message>
        <source>The account label contains %1 (at character %2), half of a character (broken text).</source>
        <translation>Die Kontobezeichnung enthält %1 (an Zeichen %2), ein halbes Zeichen (beschädigter Text).</translation>
    </message>
    <message>
        <source>The environment name contains %1 (at character %2), half of a character (broken text).</source>
        <translation>Der Umgebungsname enthält %1 (an Zeichen %2), ein halbes Zeichen (beschädigter Text).</translation>
    </message>
    <message>
        <source>An account needs a label.</source>
        <translation>Ein Konto braucht eine Bezeichnung.</translation>
    </message>
    <message>
        <source>An environment needs a name.</source>
        <translation>Eine Umgebung braucht einen Namen.</translation>
    </message>
    <message>
        <source>This is not a Cloudinary URL: it must begin with cloudinary:// (or account://).</source>
        <translation>Das ist keine Cloudinary-URL: Sie muss mit cloudinary:// (oder account://) beginnen.</translation>
    </message>
    <message>
        <source>This is not a Cloudinary URL. It looks like cloudinary://API_KEY:API_SECRET@CLOUD_NAME (or account://KEY:SECRET@ACCOUNT_ID).</source>
        <translation>Das ist keine Cloudinary-URL. Sie sieht so aus: cloudinary://API_KEY:API_SECRET@CLOUD_NAME (oder account://KEY:SECRET@ACCOUNT_ID).</translation>
    </message>
    <message>
        <source>The account ID in the URL must not be an IPv6 address.</source>
        <translation>Die Konto-ID in der URL darf keine IPv6-Adresse sein.</translation>
    </message>
    <message>
        <source>The cloud name in the URL must not be an IPv6 address.</source>
        <translation>Der Cloud-Name in der URL darf keine IPv6-Adresse sein.</translation>
    </message>
    <message>
        <source>The URL has text after the account ID that does not belong there; it should read account://KEY:SECRET@ACCOUNT_ID (is the “@” missing?).</source>
        <translation>Die URL hat nach der Konto-ID Text, der nicht dorthin gehört; sie sollte account://KEY:SECRET@ACCOUNT_ID lauten (fehlt das „@“?).</translation>
    </message>
    <message>
        <source>The URL has text after the cloud name that does not belong there; it should read cloudinary://API_KEY:API_SECRET@CLOUD_NAME (is the “@” missing?).</source>
        <translation>Die URL hat nach dem Cloud-Namen Text, der nicht dorthin gehört; sie sollte cloudinary://API_KEY:API_SECRET@CLOUD_NAME lauten (fehlt das „@“?).</translation>
    </message>
    <message>
        <source>The URL has no account ID after the “@”.</source>
        <translation>Die URL hat nach dem „@“ keine Konto-ID.</translation>
    </message>
    <message>
        <source>The URL has no cloud name after the “@”.</source>
        <translation>Die URL hat nach dem „@“ keinen Cloud-Namen.</translation>
    </message>
    <message>
        <source>The account ID in the URL contains a character that is not allowed (space, &lt; &gt; [ \ ] ^ |).</source>
        <translation>Die Konto-ID in der URL enthält ein unzulässiges Zeichen (Leerzeichen, &lt; &gt; [ \ ] ^ |).</translation>
    </message>
    <message>
        <source>The cloud name in the URL contains a character that is not allowed (space, &lt; &gt; [ \ ] ^ |).</source>
        <translation>Der Cloud-Name in der URL enthält ein unzulässiges Zeichen (Leerzeichen, &lt; &gt; [ \ ] ^ |).</translation>
    </message>
    <message>
        <source>A parameter after the “?” of the URL has no name.</source>
        <translation>Ein Parameter nach dem „?“ der URL hat keinen Namen.</translation>
    </message>
    <message>
        <source>This needs a cloudinary:// URL, not an account:// one (account credentials belong in CLOUDINARY_ACCOUNT_URL).</source>
        <translation>Hier wird eine cloudinary://-URL gebraucht, keine account://-URL (Kontozugangsdaten gehören in CLOUDINARY_ACCOUNT_URL).</translation>
    </message>
    <message>
        <source>This needs an account:// URL, not a cloudinary:// one.</source>
        <translation>Hier wird eine account://-URL gebraucht, keine cloudinary://-URL.</translation>
    </message>
    <message>
        <source>The accounts file %1 cannot be read.</source>
        <translation>Die Kontendatei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The accounts file %1 cannot be read: %2</source>
        <translation>Die Kontendatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The accounts file %1 is larger than a settings file can be.</source>
        <translation>Die Kontendatei %1 ist größer, als eine Einstellungsdatei sein kann.</translation>
    </message>
    <message>
        <source>The accounts file %1 cannot be read: there is no room for a working copy.</source>
        <translation>Die Kontendatei %1 kann nicht gelesen werden: Für eine Arbeitskopie ist kein Platz.</translation>
    </message>
    <message>
        <source>The accounts file %1 was written by a newer version of Stratus; this one does not change it.</source>
        <translation>Die Kontendatei %1 wurde von einer neueren Version von Stratus geschrieben; diese Version ändert sie nicht.</translation>
    </message>
    <message>
        <source>The accounts file %1 cannot be written.</source>
        <translation>Die Kontendatei %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The keychain holds no API secret for this environment. Enter the secret again.</source>
        <translation>Der Schlüsselbund enthält kein API-Geheimnis für diese Umgebung. Das Geheimnis erneut eingeben.</translation>
    </message>
    <message>
        <source>The API secret stored in the keychain is empty. Enter the secret again.</source>
        <translation>Das im Schlüsselbund gespeicherte API-Geheimnis ist leer. Das Geheimnis erneut eingeben.</translation>
    </message>
    <message>
        <source>The keychain holds no secret under this name.</source>
        <translation>Der Schlüsselbund enthält unter diesem Namen kein Geheimnis.</translation>
    </message>
    <message>
        <source>The keychain refused access. Allow Stratus to use your keyring.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert. Stratus den Zugriff auf den Schlüsselbund erlauben.</translation>
    </message>
    <message>
        <source>The keychain refused access (%1). Allow Stratus to use your keyring.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert (%1). Stratus den Zugriff auf den Schlüsselbund erlauben.</translation>
    </message>
    <message>
        <source>No keychain (Secret Service) answered. Unlock your keyring, or start gnome-keyring or KWallet.</source>
        <translation>Kein Schlüsselbund (Secret Service) hat geantwortet. Den Schlüsselbund entsperren oder gnome-keyring bzw. KWallet starten.</translation>
    </message>
    <message>
        <source>No keychain (Secret Service) answered (%1). Unlock your keyring, or start gnome-keyring or KWallet.</source>
        <translation>Kein Schlüsselbund (Secret Service) hat geantwortet (%1). Den Schlüsselbund entsperren oder gnome-keyring bzw. KWallet starten.</translation>
    </message>
    <message>
        <source>There is no such account.</source>
        <translation>Dieses Konto gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no such environment.</source>
        <translation>Diese Umgebung gibt es nicht.</translation>
    </message>
    <message>
        <source>This account exists already.</source>
        <translation>Dieses Konto existiert bereits.</translation>
    </message>
    <message>
        <source>An environment named “%1” exists already.</source>
        <translation>Eine Umgebung namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>The environment “%1” needs a cloud name and an API key.</source>
        <translation>Die Umgebung „%1“ braucht einen Cloud-Namen und einen API-Schlüssel.</translation>
    </message>
    <message>
        <source>The environment “%1” needs an API secret.</source>
        <translation>Die Umgebung „%1“ braucht ein API-Geheimnis.</translation>
    </message>
    <message>
        <source>The accounts were closed while this was under way.</source>
        <translation>Die Konten wurden geschlossen, während dies lief.</translation>
    </message>
    <message>
        <source>This environment is not available yet.</source>
        <translation>Diese Umgebung ist noch nicht verfügbar.</translation>
    </message>
    <message>
        <source>This environment is closed.</source>
        <translation>Diese Umgebung ist geschlossen.</translation>
    </message>
    <message>
        <source>“%1” cannot name a folder of Stratus.</source>
        <translation>„%1“ kann keinen Ordner von Stratus bezeichnen.</translation>
    </message>
    <message>
        <source>The settings could not be saved to %1.</source>
        <translation>Die Einstellungen konnten nicht in %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>These could not be deleted: %1</source>
        <translation>Diese konnten nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>The catalogue is damaged; Stratus rebuilds it at the next sync.</source>
        <translation>Der Katalog ist beschädigt; Stratus baut ihn beim nächsten Abgleich neu auf.</translation>
    </message>
    <message>
        <source>The catalogue is damaged (%1); Stratus rebuilds it at the next sync.</source>
        <translation>Der Katalog ist beschädigt (%1); Stratus baut ihn beim nächsten Abgleich neu auf.</translation>
    </message>
    <message>
        <source>There is no catalogue at %1 yet; sync the environment first.</source>
        <translation>Unter %1 gibt es noch keinen Katalog; zuerst die Umgebung abgleichen.</translation>
    </message>
    <message>
        <source>The folder of the catalogue %1 cannot be created.</source>
        <translation>Der Ordner des Katalogs %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The catalogue %1 cannot be opened.</source>
        <translation>Der Katalog %1 kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The catalogue %1 cannot be opened: %2</source>
        <translation>Der Katalog %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot be removed.</source>
        <translation>%1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>%1 cannot be removed: %2</source>
        <translation>%1 kann nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>The catalogue %1 was written by a newer version of Stratus; this one leaves it alone.</source>
        <translation>Der Katalog %1 wurde von einer neueren Version von Stratus geschrieben; diese Version lässt ihn unverändert.</translation>
    </message>
    <message>
        <source>The catalogue could not be read to the end.</source>
        <translation>Der Katalog konnte nicht bis zum Ende gelesen werden.</translation>
    </message>
    <message>
        <source>The catalogue could not be read to the end: %1</source>
        <translation>Der Katalog konnte nicht bis zum Ende gelesen werden: %1</translation>
    </message>
    <message>
        <source>The catalogue could not be read or written.</source>
        <translation>Der Katalog konnte nicht gelesen oder geschrieben werden.</translation>
    </message>
    <message>
        <source>The catalogue could not be read or written: %1</source>
        <translation>Der Katalog konnte nicht gelesen oder geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The catalogue could not start a change.</source>
        <translation>Der Katalog konnte keine Änderung beginnen.</translation>
    </message>
    <message>
        <source>The catalogue could not start a change: %1</source>
        <translation>Der Katalog konnte keine Änderung beginnen: %1</translation>
    </message>
    <message>
        <source>The catalogue could not save a change.</source>
        <translation>Der Katalog konnte eine Änderung nicht speichern.</translation>
    </message>
    <message>
        <source>The catalogue could not save a change: %1</source>
        <translation>Der Katalog konnte eine Änderung nicht speichern: %1</translation>
    </message>
    <message>
        <source>An asset vanished from the catalogue while it was written.</source>
        <translation>Ein Asset ist aus dem Katalog verschwunden, während es geschrieben wurde.</translation>
    </message>
    <message>
        <source>The catalogue has no asset %1.</source>
        <translation>Der Katalog enthält kein Asset %1.</translation>
    </message>
    <message>
        <source>There is no API secret for this environment. Enter the secret again.</source>
        <translation>Für diese Umgebung gibt es kein API-Geheimnis. Das Geheimnis erneut eingeben.</translation>
    </message>
    <message>
        <source>The Admin API calls of this hour are spent; Cloudinary accepts more after %1.</source>
        <translation>Die Admin-API-Aufrufe dieser Stunde sind aufgebraucht; Cloudinary nimmt ab %1 wieder welche an.</translation>
    </message>
    <message>
        <source>The Admin API calls of this hour are spent; try again in a while.</source>
        <translation>Die Admin-API-Aufrufe dieser Stunde sind aufgebraucht; später erneut versuchen.</translation>
    </message>
    <message>
        <source>The connection was closed while this was under way.</source>
        <translation>Die Verbindung wurde geschlossen, während dies lief.</translation>
    </message>
    <message>
        <source>The server did not answer for %1 seconds.</source>
        <translation>Der Server hat %1 Sekunden lang nicht geantwortet.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The call has not finished.</source>
        <translation>Der Aufruf ist nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not what the Cloudinary API sends (no JSON object). Check the environment&apos;s address (upload_prefix).</source>
        <translation>Die Antwort des Servers ist nicht das, was die Cloudinary-API sendet (kein JSON-Objekt). Die Adresse der Umgebung (upload_prefix) prüfen.</translation>
    </message>
    <message>
        <source>The environment&apos;s API address is not configured.</source>
        <translation>Die API-Adresse der Umgebung ist nicht eingerichtet.</translation>
    </message>
    <message>
        <source>The upload_prefix must be an http:// or https:// URL without a query.</source>
        <translation>Das upload_prefix muss eine http://- oder https://-URL ohne Abfrage sein.</translation>
    </message>
    <message>
        <source>A product environment needs a cloudinary:// URL.</source>
        <translation>Eine Produktumgebung braucht eine cloudinary://-URL.</translation>
    </message>
    <message>
        <source>The CLOUDINARY_URL has no cloud name.</source>
        <translation>Die CLOUDINARY_URL hat keinen Cloud-Namen.</translation>
    </message>
    <message>
        <source>The Provisioning API needs an account:// URL.</source>
        <translation>Die Provisioning API braucht eine account://-URL.</translation>
    </message>
    <message>
        <source>The account URL has no account ID.</source>
        <translation>Die Konto-URL hat keine Konto-ID.</translation>
    </message>
    <message>
        <source>The API credentials would travel unencrypted (plain http) to %1, which is not this computer. Use https, or allow unencrypted sending for this environment in Accounts.</source>
        <translation>Die API-Zugangsdaten würden unverschlüsselt (http) an %1 gehen, also nicht an diesen Computer. https verwenden oder unverschlüsseltes Senden für diese Umgebung unter „Konten“ erlauben.</translation>
    </message>
    <message>
        <source>%1 is restricted: its URL must be signed, and the environment&apos;s API secret is not available.</source>
        <translation>%1 ist eingeschränkt: Die URL muss signiert werden, und das API-Geheimnis der Umgebung ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>%1 could not be renamed.</source>
        <translation>%1 konnte nicht umbenannt werden.</translation>
    </message>
    <message>
        <source>%1 could not be moved.</source>
        <translation>%1 konnte nicht verschoben werden.</translation>
    </message>
    <message>
        <source>%1 could not be deleted.</source>
        <translation>%1 konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>The tags of %1 could not be changed.</source>
        <translation>Die Tags von %1 konnten nicht geändert werden.</translation>
    </message>
    <message>
        <source>%1 could not be saved.</source>
        <translation>%1 konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The folder %1 could not be created.</source>
        <translation>Der Ordner %1 konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>The folder %1 could not be renamed.</source>
        <translation>Der Ordner %1 konnte nicht umbenannt werden.</translation>
    </message>
    <message>
        <source>The folder %1 could not be deleted.</source>
        <translation>Der Ordner %1 konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>%1 is no longer in the environment (deleted or renamed elsewhere?). Nothing was changed; a sync brings the catalogue up to date.</source>
        <translation>%1 ist nicht mehr in der Umgebung vorhanden (anderswo gelöscht oder umbenannt?). Es wurde nichts geändert; ein Abgleich bringt den Katalog auf den neuesten Stand.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>%1 says what could not be done (&quot;cat could not be renamed.&quot;), %2 why (the kind&apos;s words).</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>This environment has no catalogue.</source>
        <translation>Diese Umgebung hat keinen Katalog.</translation>
    </message>
    <message>
        <source>Changes cannot be sent while the environment does not answer.</source>
        <translation>Änderungen können nicht gesendet werden, solange die Umgebung nicht antwortet.</translation>
    </message>
    <message>
        <source>This environment cannot be called.</source>
        <translation>Die API dieser Umgebung kann nicht aufgerufen werden.</translation>
    </message>
    <message>
        <source>The folder mode of this environment is not known yet; sync it first.</source>
        <translation>Der Ordnermodus dieser Umgebung ist noch unbekannt; zuerst die Umgebung abgleichen.</translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation>Der Name ist leer.</translation>
    </message>
    <message>
        <source>A name cannot contain “/”; use Move to… to change the folder.</source>
        <translation>Ein Name darf kein „/“ enthalten; zum Ändern des Ordners „Verschieben nach …“ verwenden.</translation>
    </message>
    <message>
        <source>A name cannot contain a backslash, a percent sign or any of ? &amp; # &lt; &gt;.</source>
        <translation>Ein Name darf keinen Backslash, kein Prozentzeichen und keines der Zeichen ? &amp; # &lt; &gt; enthalten.</translation>
    </message>
    <message>
        <source>A name cannot start or end with a space.</source>
        <translation>Ein Name darf nicht mit einem Leerzeichen beginnen oder enden.</translation>
    </message>
    <message>
        <source>The folder name is empty.</source>
        <translation>Der Ordnername ist leer.</translation>
    </message>
    <message>
        <source>Folders can be renamed in dynamic folder mode only.</source>
        <translation>Ordner lassen sich nur im dynamischen Ordnermodus umbenennen.</translation>
    </message>
    <message>
        <source>Home cannot be renamed.</source>
        <translation>„Start“ kann nicht umbenannt werden.</translation>
    </message>
    <message>
        <source>Home cannot be deleted.</source>
        <translation>„Start“ kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>%1 was changed, but the local catalogue could not be updated: %2</source>
        <translation>%1 wurde geändert, aber der lokale Katalog konnte nicht aktualisiert werden: %2</translation>
    </message>
    <message>
        <source>Must supply cloud_name in the options or in the configuration</source>
        <translation>cloud_name muss in den Optionen oder in der Konfiguration angegeben werden</translation>
    </message>
    <message>
        <source>Root path only supported for image/upload</source>
        <translation>Root-Pfad wird nur für image/upload unterstützt</translation>
    </message>
    <message>
        <source>Signature algorithm %1 is not supported. Supported algorithms: sha1, sha256</source>
        <translation>Signaturalgorithmus %1 wird nicht unterstützt. Unterstützte Algorithmen: sha1, sha256</translation>
    </message>
    <message>
        <source>Radius array should contain between 1 and 4 values</source>
        <translation>Das Radius-Array muss zwischen 1 und 4 Werte enthalten</translation>
    </message>
    <message>
        <source>Must supply public_id for non-text overlay</source>
        <translation>Für ein Overlay ohne Text muss public_id angegeben werden</translation>
    </message>
    <message>
        <source>Must supply either text or public_id in overlay</source>
        <translation>Im Overlay muss entweder text oder public_id angegeben werden</translation>
    </message>
    <message>
        <source>Must supply font_size for text in overlay/underlay</source>
        <translation>Für Text in overlay/underlay muss font_size angegeben werden</translation>
    </message>
    <message>
        <source>Must supply font_family for text in overlay/underlay</source>
        <translation>Für Text in overlay/underlay muss font_family angegeben werden</translation>
    </message>
    <message>
        <source>Must provide either expiration or duration</source>
        <translation>Entweder expiration oder duration muss angegeben werden</translation>
    </message>
    <message>
        <source>The upload has not finished.</source>
        <translation>Der Upload ist nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>The environment&apos;s upload address is not configured.</source>
        <translation>Die Upload-Adresse der Umgebung ist nicht eingerichtet.</translation>
    </message>
    <message>
        <source>An unsigned upload needs an unsigned upload preset.</source>
        <translation>Ein unsignierter Upload braucht ein unsigniertes Upload-Preset.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload is not what the Upload API sends (no JSON). Check the environment&apos;s address (upload_prefix).</source>
        <translation>Die Antwort des Servers auf den Upload ist nicht das, was die Upload API sendet (kein JSON). Die Adresse der Umgebung (upload_prefix) prüfen.</translation>
    </message>
    <message>
        <source>The chunk size must be positive, not %1.</source>
        <translation>Die Blockgröße muss positiv sein, nicht %1.</translation>
    </message>
    <message>
        <source>%1 is shorter than the part already uploaded: it changed since the upload began. Upload it again.</source>
        <translation>%1 ist kürzer als der bereits hochgeladene Teil: Die Datei hat sich seit Beginn des Uploads geändert. Die Datei erneut hochladen.</translation>
    </message>
    <message>
        <source>The server did not complete the upload of %1 after its last chunk.</source>
        <translation>Der Server hat den Upload von %1 nach dem letzten Block nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be read%2.</source>
        <translation>Der Ordner %1 kann nicht gelesen werden%2.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be read to the end%2.</source>
        <translation>Der Ordner %1 kann nicht bis zum Ende gelesen werden%2.</translation>
    </message>
    <message>
        <source>The name of %1 is not valid UTF-8; rename it to upload it.</source>
        <translation>Der Name von %1 ist kein gültiges UTF-8; zum Hochladen umbenennen.</translation>
    </message>
    <message>
        <source>%1 is a link to something that does not exist.</source>
        <translation>%1 ist eine Verknüpfung auf etwas, das nicht existiert.</translation>
    </message>
    <message>
        <source>No such file or folder: %1.</source>
        <translation>Datei oder Ordner nicht vorhanden: %1.</translation>
    </message>
    <message>
        <source>%1 is a folder.</source>
        <translation>%1 ist ein Ordner.</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a device, a pipe or a socket).</source>
        <translation>%1 ist keine reguläre Datei (sondern ein Gerät, eine Pipe oder ein Socket).</translation>
    </message>
    <message>
        <source>%1 cannot be read%2.</source>
        <translation>%1 kann nicht gelesen werden%2.</translation>
    </message>
    <message>
        <source>The size of %1 is only known by reading it (a special file, like those in /proc); copy it to a regular file to upload it.</source>
        <translation>Die Größe von %1 lässt sich nur durch Lesen ermitteln (eine Spezialdatei wie die in /proc); zum Hochladen in eine reguläre Datei kopieren.</translation>
    </message>
    <message>
        <source>%1 is empty; Cloudinary does not accept empty files.</source>
        <translation>%1 ist leer; Cloudinary nimmt keine leeren Dateien an.</translation>
    </message>
    <message>
        <source>%1 changed while it was uploaded (it is shorter now); upload it again.</source>
        <translation>%1 hat sich während des Hochladens geändert (die Datei ist jetzt kürzer); die Datei erneut hochladen.</translation>
    </message>
    <message>
        <source>%1 cannot be written%2.</source>
        <translation>%1 kann nicht geschrieben werden%2.</translation>
    </message>
    <message>
        <source>The folder of the upload journal %1 cannot be created.</source>
        <translation>Der Ordner des Upload-Journals %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The upload journal %1 cannot be opened%2.</source>
        <translation>Das Upload-Journal %1 kann nicht geöffnet werden%2.</translation>
    </message>
    <message>
        <source>The upload journal %1 was written by a newer Stratus; update Stratus to go on with its uploads.</source>
        <translation>Das Upload-Journal %1 wurde von einer neueren Version von Stratus geschrieben; Stratus aktualisieren, um die darin enthaltenen Uploads fortzusetzen.</translation>
    </message>
    <message>
        <source>The upload journal cannot be read or written%1.</source>
        <translation>Das Upload-Journal kann nicht gelesen oder geschrieben werden%1.</translation>
    </message>
    <message>
        <source>There is no network connection to download with.</source>
        <translation>Für das Herunterladen besteht keine Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>Cloudinary did not deliver %1 (HTTP %2).</source>
        <translation>Cloudinary hat %1 nicht ausgeliefert (HTTP %2).</translation>
    </message>
    <message>
        <source>Cloudinary did not deliver %1 (HTTP %2): %3</source>
        <translation>Cloudinary hat %1 nicht ausgeliefert (HTTP %2): %3</translation>
    </message>
    <message>
        <source>%1 is private or authenticated and needs a signed URL, which needs the API secret.</source>
        <translation>%1 ist privat oder authentifiziert und braucht eine signierte URL, wofür das API-Geheimnis nötig ist.</translation>
    </message>
    <message>
        <source>The environment cannot be called now, so its API secret cannot sign delivery URLs.</source>
        <translation>Die API der Umgebung kann derzeit nicht aufgerufen werden, daher lassen sich mit ihrem API-Geheimnis keine Auslieferungs-URLs signieren.</translation>
    </message>
    <message>
        <source>There is no API secret to sign delivery URLs with.</source>
        <translation>Es gibt kein API-Geheimnis, mit dem sich Auslieferungs-URLs signieren lassen.</translation>
    </message>
    <message>
        <source>The number of entries it states (%1) does not match the entries in it. Every entry there was read; the number is corrected at the next change.</source>
        <translation>Die darin angegebene Anzahl der Einträge (%1) stimmt nicht mit den enthaltenen Einträgen überein. Alle Einträge wurden gelesen; die Anzahl wird bei der nächsten Änderung berichtigt.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>It is not stored under an entry number.</source>
        <translation>Er ist nicht unter einer Eintragsnummer gespeichert.</translation>
    </message>
    <message>
        <source>Its value “%1” is not text.</source>
        <translation>Sein Wert „%1“ ist kein Text.</translation>
    </message>
    <message>
        <source>It has no identifier.</source>
        <translation>Er hat keine Kennung.</translation>
    </message>
    <message>
        <source>Its identifier is not one Stratus makes (letters, digits, “-”, “_” and “.”, at most 128).</source>
        <translation>Seine Kennung ist keine, wie Stratus sie vergibt (Buchstaben, Ziffern, „-“, „_“ und „.“, höchstens 128).</translation>
    </message>
    <message>
        <source>It has the same identifier as an entry before it.</source>
        <translation>Er hat dieselbe Kennung wie ein Eintrag davor.</translation>
    </message>
    <message>
        <source>It has no label.</source>
        <translation>Er hat keine Bezeichnung.</translation>
    </message>
    <message>
        <source>It has no name.</source>
        <translation>Er hat keinen Namen.</translation>
    </message>
    <message>
        <source>It has the same name as an environment before it.</source>
        <translation>Er hat denselben Namen wie eine Umgebung davor.</translation>
    </message>
    <message>
        <source>It has no CLOUDINARY_URL.</source>
        <translation>Er hat keine CLOUDINARY_URL.</translation>
    </message>
    <message>
        <source>Its provisioning address (CLOUDINARY_ACCOUNT_URL) cannot be read: %1</source>
        <translation>Seine Provisioning-Adresse (CLOUDINARY_ACCOUNT_URL) kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Its provisioning address (CLOUDINARY_ACCOUNT_URL) cannot be read.</source>
        <translation>Seine Provisioning-Adresse (CLOUDINARY_ACCOUNT_URL) kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Its CLOUDINARY_URL cannot be read: %1</source>
        <translation>Seine CLOUDINARY_URL kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Its CLOUDINARY_URL cannot be read.</source>
        <translation>Seine CLOUDINARY_URL kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The account it belongs to (“%1”) is missing or could not be read.</source>
        <translation>Das Konto, zu dem er gehört („%1“), fehlt oder konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Corner: Cannot be null</source>
        <translation>Corner: darf nicht null sein</translation>
    </message>
    <message>
        <source>URL Suffix only supported for image/upload, image/private, image/authenticated, video/upload and raw/upload</source>
        <translation>URL-Suffix wird nur für image/upload, image/private, image/authenticated, video/upload und raw/upload unterstützt</translation>
    </message>
    <message>
        <source>url_suffix should not include . or /</source>
        <translation>url_suffix darf weder . noch / enthalten</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <extracomment>%1 is an option name such as cloud_name or border.color</extracomment>
        <translation>%1 muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>each entry of variables must be a [name, value] pair</source>
        <translation>jeder Eintrag von variables muss ein Paar [Name, Wert] sein</translation>
    </message>
    <message>
        <source>variables must be a list of [name, value] pairs</source>
        <translation>variables muss eine Liste von Paaren [Name, Wert] sein</translation>
    </message>
    <message>
        <source>transformation nested too deeply</source>
        <translation>Transformation zu tief verschachtelt</translation>
    </message>
    <message>
        <source>a transformation in a list must not be null</source>
        <translation>eine Transformation in einer Liste darf nicht null sein</translation>
    </message>
    <message>
        <source>transformation nested too deeply (a responsive_width in the configuration makes the SDK recurse without end)</source>
        <translation>Transformation zu tief verschachtelt (ein responsive_width in der Konfiguration lässt das SDK endlos rekursiv laufen)</translation>
    </message>
    <message>
        <source>size must be a string such as &quot;100x80&quot;</source>
        <translation>size muss eine Zeichenkette wie &quot;100x80&quot; sein</translation>
    </message>
    <message>
        <source>URI malformed: overlay text contains a lone UTF-16 surrogate</source>
        <translation>URI fehlerhaft: Der Overlay-Text enthält ein einzelnes UTF-16-Surrogat</translation>
    </message>
    <message>
        <source>the public_id of an overlay/underlay must be a string</source>
        <translation>die public_id eines overlay/underlay muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>the text of an overlay/underlay must be a string</source>
        <translation>der Text eines overlay/underlay muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>the public id is not valid percent-encoded text (URI malformed)</source>
        <translation>die Public ID ist kein gültiger prozentkodierter Text (URI fehlerhaft)</translation>
    </message>
    <message>
        <source>the public id contains a lone UTF-16 surrogate (URI malformed)</source>
        <translation>die Public ID enthält ein einzelnes UTF-16-Surrogat (URI fehlerhaft)</translation>
    </message>
    <message>
        <source>URI malformed: bad percent escape</source>
        <translation>URI fehlerhaft: ungültige Prozentkodierung</translation>
    </message>
    <message>
        <source>URI malformed: the text contains a lone UTF-16 surrogate</source>
        <translation>URI fehlerhaft: Der Text enthält ein einzelnes UTF-16-Surrogat</translation>
    </message>
    <message>
        <source>auth_token acl must be text or a list of texts</source>
        <translation>auth_token acl muss ein Text oder eine Liste von Texten sein</translation>
    </message>
    <message>
        <source>auth_token key must be text (hex digits)</source>
        <translation>auth_token key muss ein Text sein (Hexadezimalziffern)</translation>
    </message>
    <message>
        <source>missing public_id</source>
        <translation>public_id fehlt</translation>
    </message>
    <message>
        <source>expected a JSON object {&quot;public_id&quot;: ..., &quot;options&quot;: {...}}</source>
        <translation>JSON-Objekt {&quot;public_id&quot;: ..., &quot;options&quot;: {...}} erwartet</translation>
    </message>
    <message>
        <source>options must be a JSON object</source>
        <translation>options muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>carriage return (U+000D)</source>
        <translation>Wagenrücklauf (U+000D)</translation>
    </message>
    <message>
        <source>line feed (U+000A)</source>
        <translation>Zeilenvorschub (U+000A)</translation>
    </message>
    <message>
        <source>NUL (U+0000)</source>
        <translation>NUL (U+0000)</translation>
    </message>
    <message>
        <source>the URL would hold a raw %1, which the Node SDK copies into it unescaped from this option; percent-encode it in the value</source>
        <extracomment>%1 names the character, e.g. &quot;line feed (U+000A)&quot;</extracomment>
        <translation>die URL würde das Zeichen %1 unmaskiert enthalten, da das Node SDK es unverändert aus dieser Option übernimmt; das Zeichen im Wert prozentkodieren</translation>
    </message>
    <message>
        <source>invalid JSON (%1 at offset %2)</source>
        <extracomment>%1 is the JSON parser&apos;s own words, %2 a position in the text</extracomment>
        <translation>ungültiges JSON (%1 bei Offset %2)</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>JSON-Objekt erwartet</translation>
    </message>
    <message>
        <source>&quot;params&quot; must be a JSON object</source>
        <translation>&quot;params&quot; muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>unknown &quot;algorithm&quot;; expected &quot;sha1&quot; or &quot;sha256&quot;</source>
        <translation>unbekannter Wert für &quot;algorithm&quot;; &quot;sha1&quot; oder &quot;sha256&quot; erwartet</translation>
    </message>
    <message>
        <source>&quot;signature_version&quot; must be 1 or 2</source>
        <translation>&quot;signature_version&quot; muss 1 oder 2 sein</translation>
    </message>
    <message>
        <source>transformation step %1 is empty (two &apos;/&apos; in a row, or one at an end)</source>
        <extracomment>%1 is the step&apos;s number</extracomment>
        <translation>Transformationsschritt %1 ist leer (zwei „/“ hintereinander oder einer an einem Ende)</translation>
    </message>
    <message>
        <source>empty parameter (two &apos;,&apos; in a row, or one at an end)</source>
        <translation>leerer Parameter (zwei „,“ hintereinander oder eines an einem Ende)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not of the form key_value</source>
        <translation>„%1“ hat nicht die Form key_value</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an empty key</source>
        <translation>„%1“ hat einen leeren Schlüssel</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an empty variable name</source>
        <translation>„%1“ hat einen leeren Variablennamen</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in &apos;%2&apos;</source>
        <extracomment>%1 is the key, %2 the parameter it begins</extracomment>
        <translation>unbekannter Schlüssel „%1“ in „%2“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an empty value</source>
        <translation>„%1“ hat einen leeren Wert</translation>
    </message>
    <message>
        <source>transformation step %1 (&apos;%2&apos;): %3</source>
        <extracomment>%1 is the step&apos;s number, %2 its text, %3 what is wrong with it</extracomment>
        <translation>Transformationsschritt %1 („%2“): %3</translation>
    </message>
    <message>
        <source>unexpected text after the JSON value</source>
        <translation>unerwarteter Text nach dem JSON-Wert</translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation>unerwartetes Zeichen</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>zu tief verschachtelt</translation>
    </message>
    <message>
        <source>unexpected end of input</source>
        <translation>unerwartetes Ende der Eingabe</translation>
    </message>
    <message>
        <source>expected a member name</source>
        <translation>Name eines Objekteintrags erwartet</translation>
    </message>
    <message>
        <source>expected &apos;:&apos;</source>
        <translation>„:“ erwartet</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>„,“ oder „}“ erwartet</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation>„,“ oder „]“ erwartet</translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation>ungültige \u-Escape-Sequenz</translation>
    </message>
    <message>
        <source>bad escape</source>
        <translation>ungültige Escape-Sequenz</translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation>Steuerzeichen in einer Zeichenkette</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <source>bad number</source>
        <translation>ungültige Zahl</translation>
    </message>
    <message>
        <source>invalid JSON at offset %1: %2</source>
        <extracomment>%1 is a position in the text, %2 what was found wrong there</extracomment>
        <translation>ungültiges JSON bei Offset %1: %2</translation>
    </message>
    <message>
        <source>%1 at position %2</source>
        <extracomment>%1 what is wrong with a search expression, %2 the character position (1 is the first)</extracomment>
        <translation>%1 an Position %2</translation>
    </message>
    <message>
        <source>unexpected text</source>
        <translation>unerwarteter Text</translation>
    </message>
    <message>
        <source>unbalanced &apos;)&apos;</source>
        <translation>„)“ ohne passendes „(“</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos;</source>
        <translation>unerwartetes „%1“</translation>
    </message>
    <message>
        <source>unexpected &apos;&amp;&apos;; write AND or &amp;&amp;</source>
        <translation>unerwartetes „&amp;“; AND oder &amp;&amp; schreiben</translation>
    </message>
    <message>
        <source>unexpected &apos;|&apos;; write OR or ||</source>
        <translation>unerwartetes „|“; OR oder || schreiben</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not supported; quote the value or escape it with a backslash</source>
        <translation>„%1“ wird nicht unterstützt; den Wert in Anführungszeichen setzen oder das Zeichen mit einem Backslash maskieren</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos;; quote values that contain it</source>
        <translation>unerwartetes „%1“; Werte, die es enthalten, in Anführungszeichen setzen</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos;; a range needs a field, as in bytes:[1 TO 100]</source>
        <translation>unerwartetes „%1“; ein Bereich braucht ein Feld, wie in bytes:[1 TO 100]</translation>
    </message>
    <message>
        <source>the expression is nested too deeply (more than %1 levels)</source>
        <translation>der Ausdruck ist zu tief verschachtelt (mehr als %1 Ebenen)</translation>
    </message>
    <message>
        <source>dangling &apos;\&apos; at the end</source>
        <translation>einzelner „\“ am Ende</translation>
    </message>
    <message>
        <source>only a trailing &apos;*&apos; wildcard is supported</source>
        <translation>nur ein Platzhalter „*“ am Ende wird unterstützt</translation>
    </message>
    <message>
        <source>only a trailing &apos;*&apos; wildcard is supported; write \* for a literal *</source>
        <translation>nur ein Platzhalter „*“ am Ende wird unterstützt; ein wörtliches * als \* schreiben</translation>
    </message>
    <message>
        <source>unterminated quoted value</source>
        <translation>nicht abgeschlossener Wert in Anführungszeichen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a term after it</source>
        <extracomment>%1 the operator as typed: AND, OR or NOT</extracomment>
        <translation>auf „%1“ muss ein Suchbegriff folgen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a term before it</source>
        <extracomment>%1 the operator as typed: AND or OR</extracomment>
        <translation>vor „%1“ muss ein Suchbegriff stehen</translation>
    </message>
    <message>
        <source>NOT cannot start an expression; write -field:value instead</source>
        <translation>NOT darf keinen Ausdruck beginnen; stattdessen -field:value schreiben</translation>
    </message>
    <message>
        <source>NOT cannot start a group; write -field:value instead</source>
        <translation>NOT darf keine Gruppe beginnen; stattdessen -field:value schreiben</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be followed directly by a term</source>
        <translation>auf „%1“ muss direkt ein Suchbegriff folgen</translation>
    </message>
    <message>
        <source>expected a search term</source>
        <translation>Suchbegriff erwartet</translation>
    </message>
    <message>
        <source>empty parentheses</source>
        <translation>leere Klammern</translation>
    </message>
    <message>
        <source>missing &apos;)&apos; for this &apos;(&apos;</source>
        <translation>zu diesem „(“ fehlt das „)“</translation>
    </message>
    <message>
        <source>&apos;%1(…)&apos; cannot contain another field</source>
        <extracomment>%1 a field and its operator, as in tags:(…)</extracomment>
        <translation>„%1(…)“ darf kein weiteres Feld enthalten</translation>
    </message>
    <message>
        <source>invalid field name &apos;%1&apos;</source>
        <translation>ungültiger Feldname „%1“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a key, as in %1.KEY</source>
        <translation>„%1“ braucht einen Schlüssel, wie in %1.KEY</translation>
    </message>
    <message>
        <source>the field &apos;%1&apos; is not supported by Stratus&apos; local search</source>
        <translation>das Feld „%1“ wird von der lokalen Suche von Stratus nicht unterstützt</translation>
    </message>
    <message>
        <source>unknown field &apos;%1&apos;</source>
        <translation>unbekanntes Feld „%1“</translation>
    </message>
    <message>
        <source>expected a value after &apos;%1&apos;</source>
        <extracomment>%1 a field and its operator, as in tags:</extracomment>
        <translation>Wert nach „%1“ erwartet</translation>
    </message>
    <message>
        <source>expected a value after &apos;%1&apos;, found %2</source>
        <extracomment>%1 a field and its operator, as in tags: ; %2 the operator found instead of a value</extracomment>
        <translation>Wert nach „%1“ erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>expected a range bound</source>
        <translation>Bereichsgrenze erwartet</translation>
    </message>
    <message>
        <source>expected &apos;TO&apos; in the range</source>
        <translation>„TO“ im Bereich erwartet</translation>
    </message>
    <message>
        <source>unterminated range; close it with &apos;]&apos; or &apos;}&apos;</source>
        <translation>nicht abgeschlossener Bereich; mit „]“ oder „}“ schließen</translation>
    </message>
    <message>
        <source>&apos;*&apos; alone is not a search term</source>
        <translation>„*“ allein ist kein Suchbegriff</translation>
    </message>
    <message>
        <source>&apos;%1*&apos; is not supported: the Search API has no &apos;field exists&apos; query</source>
        <extracomment>%1 a field and its operator, as in tags:</extracomment>
        <translation>„%1*“ wird nicht unterstützt: Die Search API kennt keine Abfrage „Feld existiert“</translation>
    </message>
    <message>
        <source>wildcards are not allowed with &apos;%1&apos;</source>
        <translation>Platzhalter sind mit „%1“ nicht erlaubt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not support wildcards</source>
        <translation>„%1“ unterstützt keine Platzhalter</translation>
    </message>
    <message>
        <source>empty search term</source>
        <translation>leerer Suchbegriff</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not support &apos;%2&apos;</source>
        <extracomment>%1 a field, %2 an operator such as &gt; or &lt;=</extracomment>
        <translation>„%1“ unterstützt „%2“ nicht</translation>
    </message>
    <message>
        <source>empty value for &apos;%1&apos;</source>
        <translation>leerer Wert für „%1“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; supports only a wildcard for a whole folder level, as in %1:a/b/*</source>
        <translation>„%1“ unterstützt Platzhalter nur für eine ganze Ordnerebene, wie in %1:a/b/*</translation>
    </message>
    <message>
        <source>&apos;%1:/*&apos; would match every asset; leave the term out</source>
        <translation>„%1:/*“ würde auf jedes Asset zutreffen; den Suchbegriff weglassen</translation>
    </message>
    <message>
        <source>&apos;bytes&apos; needs a size such as 500, 20kb or 1m, not &apos;%1&apos;</source>
        <extracomment>%1 the value as typed after bytes</extracomment>
        <translation>„bytes“ braucht eine Größe wie 500, 20kb oder 1m, nicht „%1“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a number, not &apos;%2&apos;</source>
        <extracomment>%1 a field, %2 the value as typed</extracomment>
        <translation>„%1“ braucht eine Zahl, nicht „%2“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a date (2024-01-31, &quot;2024-01-31T12:00:00Z&quot;, Unix seconds, or 1h/1d/1w), not &apos;%2&apos;</source>
        <extracomment>%1 a field, %2 the value as typed</extracomment>
        <translation>„%1“ braucht ein Datum (2024-01-31, &quot;2024-01-31T12:00:00Z&quot;, Unix-Sekunden oder 1h/1d/1w), nicht „%2“</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not support ranges</source>
        <translation>„%1“ unterstützt keine Bereiche</translation>
    </message>
    <message>
        <source>wildcards are not allowed in a range</source>
        <translation>Platzhalter sind in einem Bereich nicht erlaubt</translation>
    </message>
    <message>
        <source>a range needs at least one bound; the Search API has no &apos;field exists&apos; query</source>
        <translation>ein Bereich braucht mindestens eine Grenze; die Search API kennt keine Abfrage „Feld existiert“</translation>
    </message>
    <message>
        <source>sort_by must be an array such as [{&quot;created_at&quot;:&quot;desc&quot;}]</source>
        <translation>sort_by muss ein Array wie [{&quot;created_at&quot;:&quot;desc&quot;}] sein</translation>
    </message>
    <message>
        <source>sort_by entries must be objects such as {&quot;created_at&quot;:&quot;desc&quot;}</source>
        <translation>die Einträge von sort_by müssen Objekte wie {&quot;created_at&quot;:&quot;desc&quot;} sein</translation>
    </message>
    <message>
        <source>sort_by: each entry must have exactly one field, as in {&quot;created_at&quot;:&quot;desc&quot;}</source>
        <translation>sort_by: Jeder Eintrag muss genau ein Feld haben, wie in {&quot;created_at&quot;:&quot;desc&quot;}</translation>
    </message>
    <message>
        <source>sort_by: cannot sort by &apos;%1&apos;</source>
        <translation>sort_by: Nach „%1“ kann nicht sortiert werden</translation>
    </message>
    <message>
        <source>sort_by: the direction for &apos;%1&apos; must be &quot;asc&quot; or &quot;desc&quot;</source>
        <translation>sort_by: Die Richtung für „%1“ muss &quot;asc&quot; oder &quot;desc&quot; sein</translation>
    </message>
    <message>
        <source>aggregate must be an array of field names</source>
        <translation>aggregate muss ein Array von Feldnamen sein</translation>
    </message>
    <message>
        <source>aggregate: custom (range) aggregations are not supported</source>
        <translation>aggregate: Benutzerdefinierte Aggregationen (Bereiche) werden nicht unterstützt</translation>
    </message>
    <message>
        <source>aggregate: cannot aggregate on &apos;%1&apos; (supported: format, resource_type, type)</source>
        <translation>aggregate: Nach „%1“ kann nicht aggregiert werden (unterstützt: format, resource_type, type)</translation>
    </message>
    <message>
        <source>%1 is too large: this environment accepts images of up to %2 (the plan&apos;s limit). Make it smaller or upgrade the plan.</source>
        <translation>%1 ist zu groß: Diese Umgebung akzeptiert Bilder bis %2 (Grenze des Tarifs). Die Datei verkleinern oder einen höheren Tarif wählen.</translation>
    </message>
    <message>
        <source>%1 is too large: this environment accepts videos and audio of up to %2 (the plan&apos;s limit). Make it smaller or upgrade the plan.</source>
        <translation>%1 ist zu groß: Diese Umgebung akzeptiert Videos und Audiodateien bis %2 (Grenze des Tarifs). Die Datei verkleinern oder einen höheren Tarif wählen.</translation>
    </message>
    <message>
        <source>%1 is too large: this environment accepts other files of up to %2 (the plan&apos;s limit). Make it smaller or upgrade the plan.</source>
        <translation>%1 ist zu groß: Diese Umgebung akzeptiert andere Dateien bis %2 (Grenze des Tarifs). Die Datei verkleinern oder einen höheren Tarif wählen.</translation>
    </message>
    <message>
        <source>%1 must have a value.</source>
        <translation>%1 muss einen Wert haben.</translation>
    </message>
    <message>
        <source>%1 needs at least %2 characters.</source>
        <translation>%1 braucht mindestens %2 Zeichen.</translation>
    </message>
    <message>
        <source>%1 takes at most %2 characters.</source>
        <translation>%1 erlaubt höchstens %2 Zeichen.</translation>
    </message>
    <message>
        <source>%1 takes a whole number, not “%2”.</source>
        <translation>%1 erwartet eine ganze Zahl, nicht „%2“.</translation>
    </message>
    <message>
        <source>%1 takes a date (year-month-day), not “%2”.</source>
        <translation>%1 erwartet ein Datum (Jahr-Monat-Tag), nicht „%2“.</translation>
    </message>
    <message>
        <source>%1 must be %2 or more.</source>
        <translation>%1 muss mindestens %2 sein.</translation>
    </message>
    <message>
        <source>%1 must be %2 or less.</source>
        <translation>%1 darf höchstens %2 sein.</translation>
    </message>
    <message>
        <source>%1 takes one choice only.</source>
        <translation>%1 erlaubt nur eine Auswahl.</translation>
    </message>
    <message>
        <source>“%2” is not one of the choices of %1.</source>
        <translation>„%2“ gehört nicht zu den Auswahlmöglichkeiten von %1.</translation>
    </message>
    <message>
        <source>This build of Stratus has no client ID for signing in with Cloudinary. Add the environment with its API key and secret instead.</source>
        <translation>Dieser Build von Stratus hat keine Client-ID für die Anmeldung mit Cloudinary. Die Umgebung stattdessen mit API-Schlüssel und API-Geheimnis hinzufügen.</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Access was denied in the browser.</source>
        <translation>Der Zugriff wurde im Browser verweigert.</translation>
    </message>
    <message>
        <source>Access was denied in the browser: %1</source>
        <translation>Der Zugriff wurde im Browser verweigert: %1</translation>
    </message>
    <message>
        <source>The browser did not come back to Stratus in time. Sign in again.</source>
        <translation>Der Browser ist nicht rechtzeitig zu Stratus zurückgekehrt. Erneut anmelden.</translation>
    </message>
    <message>
        <source>The browser came back with an answer that was not for this sign-in, so it was refused. Sign in again.</source>
        <translation>Der Browser kam mit einer Antwort zurück, die nicht zu dieser Anmeldung gehörte, daher wurde sie abgelehnt. Erneut anmelden.</translation>
    </message>
    <message>
        <source>Stratus could not wait for the browser on port %1 of this computer.</source>
        <translation>Stratus konnte auf Port %1 dieses Computers nicht auf den Browser warten.</translation>
    </message>
    <message>
        <source>Stratus could not wait for the browser on port %1 of this computer: %2</source>
        <translation>Stratus konnte auf Port %1 dieses Computers nicht auf den Browser warten: %2</translation>
    </message>
    <message>
        <source>The sign-in server gave an answer Stratus cannot use.</source>
        <translation>Der Anmeldeserver hat eine Antwort gegeben, die Stratus nicht verwenden kann.</translation>
    </message>
    <message>
        <source>The sign-in server gave an answer Stratus cannot use: %1</source>
        <translation>Der Anmeldeserver hat eine Antwort gegeben, die Stratus nicht verwenden kann: %1</translation>
    </message>
    <message>
        <source>The sign-in server refused the sign-in. Sign in again.</source>
        <translation>Der Anmeldeserver hat die Anmeldung abgelehnt. Erneut anmelden.</translation>
    </message>
    <message>
        <source>The sign-in server refused the sign-in (%1). Sign in again.</source>
        <translation>Der Anmeldeserver hat die Anmeldung abgelehnt (%1). Erneut anmelden.</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was revoked. Sign in again.</source>
        <translation>Die Anmeldung ist abgelaufen oder wurde widerrufen. Erneut anmelden.</translation>
    </message>
    <message>
        <source>The keychain holds no sign-in for this environment. Sign in again.</source>
        <translation>Der Schlüsselbund enthält keine Anmeldung für diese Umgebung. Erneut anmelden.</translation>
    </message>
    <message>
        <source>The sign-in stored in the keychain cannot be read. Sign in again.</source>
        <translation>Die im Schlüsselbund gespeicherte Anmeldung kann nicht gelesen werden. Erneut anmelden.</translation>
    </message>
    <message>
        <source>Another Stratus program kept the sign-in busy for too long (%1). Try again.</source>
        <translation>Ein anderes Stratus-Programm hat die Anmeldung zu lange blockiert (%1). Erneut versuchen.</translation>
    </message>
    <message>
        <source>This needs the environment&apos;s API secret, and the environment is signed in with Cloudinary instead. Add it with its API key to sign URLs.</source>
        <translation>Dafür ist das API-Geheimnis der Umgebung nötig, die Umgebung ist jedoch stattdessen mit Cloudinary angemeldet. Zum Signieren von URLs die Umgebung mit ihrem API-Schlüssel hinzufügen.</translation>
    </message>
    <message>
        <source>The Upload widget asked for a signature of something that is not one of its uploads. Nothing was signed.</source>
        <translation>Das Upload-Widget hat eine Signatur für etwas verlangt, das keiner seiner Uploads ist. Es wurde nichts signiert.</translation>
    </message>
    <message>
        <source>The Upload widget asked for a signature without a valid time. Nothing was signed.</source>
        <translation>Das Upload-Widget hat eine Signatur ohne gültige Zeitangabe verlangt. Es wurde nichts signiert.</translation>
    </message>
    <message>
        <source>The Upload widget asked for a signature with a time %1 seconds behind this computer&apos;s clock (at most 600 are accepted). Nothing was signed; if this repeats, check the computer&apos;s clock.</source>
        <translation>Das Upload-Widget hat eine Signatur mit einer Zeit verlangt, die %1 Sekunden hinter der Uhr dieses Computers liegt (höchstens 600 werden akzeptiert). Es wurde nichts signiert; wenn das wieder vorkommt, prüfen Sie die Uhr des Computers.</translation>
    </message>
    <message>
        <source>The Upload widget asked for a signature with a time %1 seconds ahead of this computer&apos;s clock (at most 600 are accepted). Nothing was signed; if this repeats, check the computer&apos;s clock.</source>
        <translation>Das Upload-Widget hat eine Signatur mit einer Zeit verlangt, die %1 Sekunden vor der Uhr dieses Computers liegt (höchstens 600 werden akzeptiert). Es wurde nichts signiert; wenn das wieder vorkommt, prüfen Sie die Uhr des Computers.</translation>
    </message>
    <message>
        <source>The Upload widget asked to sign “%1” with another value than the one chosen in Stratus. Nothing was signed.</source>
        <translation>Das Upload-Widget wollte „%1“ mit einem anderen Wert signieren lassen als dem in Stratus gewählten. Es wurde nichts signiert.</translation>
    </message>
    <message>
        <source>The Upload widget asked to sign “%1”, which Stratus does not allow for its uploads. Nothing was signed.</source>
        <translation>Das Upload-Widget wollte „%1“ signieren lassen, was Stratus für seine Uploads nicht erlaubt. Es wurde nichts signiert.</translation>
    </message>
    <message>
        <source>The Upload widget asked to sign “%1” with a value that is neither text, a number nor a list. Nothing was signed.</source>
        <translation>Das Upload-Widget wollte „%1“ mit einem Wert signieren lassen, der weder Text noch Zahl noch Liste ist. Es wurde nichts signiert.</translation>
    </message>
</context>
</TS>
