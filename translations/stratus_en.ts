<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>stratus::gui::AccountMessages</name>
    <message numerus="yes">
        <source>%n saved entry(s) unreadable — &lt;a href=&quot;#accounts&quot;&gt;see Accounts&lt;/a&gt;</source>
        <translation>
            <numerusform>%n saved entry unreadable — &lt;a href=&quot;#accounts&quot;&gt;see Accounts&lt;/a&gt;</numerusform>
            <numerusform>%n saved entries unreadable — &lt;a href=&quot;#accounts&quot;&gt;see Accounts&lt;/a&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::AccountsDialog</name>
    <message numerus="yes">
        <source>%n product environment(s).</source>
        <translation>
            <numerusform>%n product environment.</numerusform>
            <numerusform>%n product environments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n product environment(s).</source>
        <translation>
            <numerusform>Added %n product environment.</numerusform>
            <numerusform>Added %n product environments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n product environments answered.</source>
        <translation>
            <numerusform>All %n product environments answered.</numerusform>
            <numerusform>All %n product environments answered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the account “%1” and its %n product environment(s) from Stratus?

Their secrets, settings, asset catalogues, unfinished uploads and caches are deleted from this computer. Nothing changes in Cloudinary.</source>
        <translation>
            <numerusform>Remove the account “%1” and its %n product environment from Stratus?

Their secrets, settings, asset catalogues, unfinished uploads and caches are deleted from this computer. Nothing changes in Cloudinary.</numerusform>
            <numerusform>Remove the account “%1” and its %n product environments from Stratus?

Their secrets, settings, asset catalogues, unfinished uploads and caches are deleted from this computer. Nothing changes in Cloudinary.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::AssetColumnsModel</name>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n asset</numerusform>
            <numerusform>%n assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::AssetListModel</name>
    <message numerus="yes">
        <source>%1 — %n asset(s)</source>
        <translation>
            <numerusform>%1 — %n asset</numerusform>
            <numerusform>%1 — %n assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowseView</name>
    <message numerus="yes">
        <source>%n asset(s) selected</source>
        <translation>
            <numerusform>%n asset selected</numerusform>
            <numerusform>%n assets selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowserCommands</name>
    <message numerus="yes">
        <source>Move %n asset(s) to %1?</source>
        <translation>
            <numerusform>Move %n asset to %1?</numerusform>
            <numerusform>Move %n assets to %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n URL(s) copied</source>
        <translation>
            <numerusform>%n URL copied</numerusform>
            <numerusform>%n URLs copied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n asset(s) from Cloudinary?</source>
        <translation>
            <numerusform>Delete %n asset from Cloudinary?</numerusform>
            <numerusform>Delete %n assets from Cloudinary?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Download cancelled; %n file(s) saved</source>
        <translation>
            <numerusform>Download cancelled; %n file saved</numerusform>
            <numerusform>Download cancelled; %n files saved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) downloaded</source>
        <translation>
            <numerusform>%n file downloaded</numerusform>
            <numerusform>%n files downloaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n asset(s)</source>
        <translation>
            <numerusform>Move %n asset</numerusform>
            <numerusform>Move %n assets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n asset(s)</source>
        <translation>
            <numerusform>Delete %n asset</numerusform>
            <numerusform>Delete %n assets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit the tags of %n asset(s)</source>
        <translation>
            <numerusform>Edit the tags of %n asset</numerusform>
            <numerusform>Edit the tags of %n assets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (and %n more error(s))</source>
        <translation>
            <numerusform>%1 (and %n more error)</numerusform>
            <numerusform>%1 (and %n more errors)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed (the transfers dock says why)</source>
        <translation>
            <numerusform>%1, %n failed (the transfers dock says why)</numerusform>
            <numerusform>%1, %n failed (the transfers dock says why)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n private or authenticated file(s) left out: %1</source>
        <translation>
            <numerusform>%n private or authenticated file left out: %1</numerusform>
            <numerusform>%n private or authenticated files left out: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowserPage</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n asset</numerusform>
            <numerusform>%n assets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n folder</numerusform>
            <numerusform>%n folders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::DetailsPanel</name>
    <message numerus="yes">
        <source>%n of them are not in the catalogue.</source>
        <translation>
            <numerusform>%n of them are not in the catalogue.</numerusform>
            <numerusform>%n of them are not in the catalogue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n Assets</source>
        <translation>
            <numerusform>Apply to %n Assets</numerusform>
            <numerusform>Apply to %n Assets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assets · %1</source>
        <translation>
            <numerusform>%n assets · %1</numerusform>
            <numerusform>%n assets · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of the %n selected assets have this tag; Add makes it a tag of all.</source>
        <translation>
            <numerusform>%1 of the %n selected assets have this tag; Add makes it a tag of all.</numerusform>
            <numerusform>%1 of the %n selected assets have this tag; Add makes it a tag of all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more selected</source>
        <translation>
            <numerusform>%n more selected</numerusform>
            <numerusform>%n more selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n asset(s).</source>
        <translation>
            <numerusform>Saved %n asset.</numerusform>
            <numerusform>Saved %n assets.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 of %2 assets; %n failed:</source>
        <translation>
            <numerusform>Saved %1 of %2 assets; %n failed:</numerusform>
            <numerusform>Saved %1 of %2 assets; %n failed:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::DownloadsPanel</name>
    <message numerus="yes">
        <source>Download cancelled; %n file(s) saved in %1</source>
        <translation>
            <numerusform>Download cancelled; %n file saved in %1</numerusform>
            <numerusform>Download cancelled; %n files saved in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) downloaded to %1</source>
        <translation>
            <numerusform>%n file downloaded to %1</numerusform>
            <numerusform>%n files downloaded to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed</source>
        <translation>
            <numerusform>%1, %n failed</numerusform>
            <numerusform>%1, %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::FolderTreeModel</name>
    <message numerus="yes">
        <source>%1: %n asset(s) here</source>
        <translation>
            <numerusform>%1: %n asset here</numerusform>
            <numerusform>%1: %n assets here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in all, with the folders below</source>
        <translation>
            <numerusform>%n in all, with the folders below</numerusform>
            <numerusform>%n in all, with the folders below</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaLibraryInsertBar</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) to use in Stratus</source>
        <translation>
            <numerusform>%n asset to use in Stratus</numerusform>
            <numerusform>%n assets to use in Stratus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n URL(s)</source>
        <translation>
            <numerusform>Copied %n URL</numerusform>
            <numerusform>Copied %n URLs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaLibraryView</name>
    <message numerus="yes">
        <source>%n upload(s) from the Media Library added to the catalogue</source>
        <translation>
            <numerusform>%n upload from the Media Library added to the catalogue</numerusform>
            <numerusform>%n uploads from the Media Library added to the catalogue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) in the Media Library could not be read: %1</source>
        <translation>
            <numerusform>%n upload in the Media Library could not be read: %1</numerusform>
            <numerusform>%n uploads in the Media Library could not be read: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) deleted in the Media Library removed from the catalogue</source>
        <translation>
            <numerusform>%n asset deleted in the Media Library removed from the catalogue</numerusform>
            <numerusform>%n assets deleted in the Media Library removed from the catalogue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) chosen in the Media Library</source>
        <translation>
            <numerusform>%n asset chosen in the Media Library</numerusform>
            <numerusform>%n assets chosen in the Media Library</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::MetadataEditor</name>
    <message numerus="yes">
        <source>Up to %n characters</source>
        <translation>
            <numerusform>Up to %n characters</numerusform>
            <numerusform>Up to %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::MetadataSection</name>
    <message numerus="yes">
        <source>%n assets could not be saved: %1</source>
        <translation>
            <numerusform>%n assets could not be saved: %1</numerusform>
            <numerusform>%n assets could not be saved: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::MoveDialog</name>
    <message numerus="yes">
        <source>Move %n asset(s)</source>
        <translation>
            <numerusform>Move %n asset</numerusform>
            <numerusform>Move %n assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::OverviewView</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video(s)</source>
        <translation>
            <numerusform>%n video</numerusform>
            <numerusform>%n videos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other file(s)</source>
        <translation>
            <numerusform>%n other file</numerusform>
            <numerusform>%n other files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n asset</numerusform>
            <numerusform>%n assets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n asset(s)</source>
        <translation>
            <numerusform>%1 · %n asset</numerusform>
            <numerusform>%1 · %n assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::PreviewWindow</name>
    <message numerus="yes">
        <source>Product Gallery: %n asset(s)</source>
        <translation>
            <numerusform>Product Gallery: %n asset</numerusform>
            <numerusform>Product Gallery: %n assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::TagsDialog</name>
    <message numerus="yes">
        <source>Edit tags of %n asset(s)</source>
        <translation>
            <numerusform>Edit tags of %n asset</numerusform>
            <numerusform>Edit tags of %n assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadController</name>
    <message numerus="yes">
        <source>%n file(s) uploaded</source>
        <translation>
            <numerusform>%n file uploaded</numerusform>
            <numerusform>%n files uploaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there</source>
        <translation>
            <numerusform>%n already there</numerusform>
            <numerusform>%n already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n cancelled</numerusform>
            <numerusform>%n cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…and %n more.</numerusform>
            <numerusform>…and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upload %n Item(s)</source>
        <translation>
            <numerusform>Upload %n Item</numerusform>
            <numerusform>Upload %n Items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadDock</name>
    <message numerus="yes">
        <source>%1%, %2 of %n file(s)</source>
        <translation>
            <numerusform>%1%, %2 of %n file</numerusform>
            <numerusform>%1%, %2 of %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed</source>
        <translation>
            <numerusform>%1, %n failed</numerusform>
            <numerusform>%1, %n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) uploaded</source>
        <translation>
            <numerusform>%n file uploaded</numerusform>
            <numerusform>%n files uploaded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadListModel</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
</context>
</TS>
