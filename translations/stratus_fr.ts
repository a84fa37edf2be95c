<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <source>Folder mode</source>
        <translation>Mode de dossiers</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit Label</source>
        <translation>Re&amp;nommer</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>Log &amp;Out…</source>
        <translation>Se &amp;déconnecter…</translation>
    </message>
    <message>
        <source>Log &amp;In…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Retirer…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Console &amp;E-mail…</source>
        <translation>&amp;E-mail de la console…</translation>
    </message>
</context>
<context>
    <name>AddEnvironmentDialog</name>
    <message>
        <source>Add Product Environment</source>
        <translation>Ajouter un environnement de produit</translation>
    </message>
    <message>
        <source>Stratus tests the credentials before it saves anything. The API secret is kept in your keychain only.</source>
        <translation>Stratus teste les identifiants avant d’enregistrer quoi que ce soit. Le secret d’API est conservé uniquement dans votre trousseau de clés.</translation>
    </message>
    <message>
        <source>From &amp;URL</source>
        <translation>Depuis une &amp;URL</translation>
    </message>
    <message>
        <source>Paste the API environment variable from the Cloudinary Console (Settings → API Keys).</source>
        <translation>Collez la variable d’environnement de l’API depuis la console Cloudinary (Settings → API Keys).</translation>
    </message>
    <message>
        <source>CLOUDINARY_UR&amp;L:</source>
        <translation>CLOUDINARY_UR&amp;L&#xa0;:</translation>
    </message>
    <message>
        <source>cloudinary://API_KEY:API_SECRET@CLOUD_NAME</source>
        <translation>cloudinary://API_KEY:API_SECRET@CLOUD_NAME</translation>
    </message>
    <message>
        <source>From &amp;Keys</source>
        <translation>Depuis les &amp;clés</translation>
    </message>
    <message>
        <source>&amp;Cloud name:</source>
        <translation>&amp;Nom de cloud&#xa0;:</translation>
    </message>
    <message>
        <source>API ke&amp;y:</source>
        <translation>Clé &amp;d’API&#xa0;:</translation>
    </message>
    <message>
        <source>API &amp;secret:</source>
        <translation>&amp;Secret d’API&#xa0;:</translation>
    </message>
    <message>
        <source>API &amp;host (optional):</source>
        <translation>&amp;Hôte d’API (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <source>https://api.cloudinary.com</source>
        <translation>https://api.cloudinary.com</translation>
    </message>
    <message>
        <source>Only for a private or local server: the upload_prefix of its CLOUDINARY_URL.</source>
        <translation>Uniquement pour un serveur privé ou local&#xa0;: l’upload_prefix de sa CLOUDINARY_URL.</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Enregistrer sous</translation>
    </message>
    <message>
        <source>Environment &amp;name:</source>
        <translation>Nom de l’en&amp;vironnement&#xa0;:</translation>
    </message>
    <message>
        <source>The cloud name</source>
        <translation>Le nom de cloud</translation>
    </message>
    <message>
        <source>Acc&amp;ount:</source>
        <translation>C&amp;ompte&#xa0;:</translation>
    </message>
    <message>
        <source>Account la&amp;bel:</source>
        <translation>Li&amp;bellé du compte&#xa0;:</translation>
    </message>
    <message>
        <source>For example “Work” or the company’s name</source>
        <translation>Par exemple «&#xa0;Travail&#xa0;» ou le nom de l’entreprise</translation>
    </message>
</context>
<context>
    <name>BrowserPage</name>
    <message>
        <source>Show thumbnails</source>
        <translation>Afficher les vignettes</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grille</translation>
    </message>
    <message>
        <source>Show a sortable list with details</source>
        <translation>Afficher une liste triable avec les détails</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>&amp;Zoom</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>Taille des vignettes</translation>
    </message>
    <message>
        <source>Search names, tags, context (Ctrl+F)</source>
        <translation>Rechercher noms, tags, contexte (Ctrl+F)</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <source>Download the selected assets to a folder</source>
        <translation>Télécharger les ressources sélectionnées dans un dossier</translation>
    </message>
    <message>
        <source>Delete the selected assets from Cloudinary</source>
        <translation>Supprimer de Cloudinary les ressources sélectionnées</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Asset details</source>
        <translation>Détails de la ressource</translation>
    </message>
    <message>
        <source>Offline notice</source>
        <translation>Avertissement hors ligne</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Select an asset to see its details.</source>
        <translation>Sélectionnez une ressource pour afficher ses détails.</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Add a tag…</source>
        <translation>Ajouter un tag…</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>Nouveau tag</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Ajouter le tag</translation>
    </message>
    <message>
        <source>Delete or Backspace removes the selected tags</source>
        <translation>Suppr ou Retour arrière retire les tags sélectionnés</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the selected tags</source>
        <translation>Retirer les tags sélectionnés</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Add a context entry</source>
        <translation>Ajouter une entrée de contexte</translation>
    </message>
    <message>
        <source>Remove the selected context entries</source>
        <translation>Retirer les entrées de contexte sélectionnées</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Transformation</source>
        <translation>Transformation</translation>
    </message>
    <message>
        <source>A transformation for the copied link, e.g. c_fill,w_400,h_400; empty for the original</source>
        <translation>Une transformation pour le lien copié, par ex. c_fill,w_400,h_400&#xa0;; vide pour l’original</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>Copier l’URL</translation>
    </message>
    <message>
        <source>Copy the delivery URL</source>
        <translation>Copier l’URL de diffusion</translation>
    </message>
    <message>
        <source>Open in Browser</source>
        <translation>Ouvrir dans le navigateur</translation>
    </message>
    <message>
        <source>Open the delivery URL in the web browser</source>
        <translation>Ouvrir l’URL de diffusion dans le navigateur web</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>État de l’enregistrement</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Enregistrement en cours</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Revert the unsaved changes</source>
        <translation>Annuler les modifications non enregistrées</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save the changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <source>Selected assets</source>
        <translation>Ressources sélectionnées</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>Texte alternatif</translation>
    </message>
    <message>
        <source>Describes the picture for people who cannot see it (context key “alt”)</source>
        <translation>Décrit l’image pour les personnes qui ne peuvent pas la voir (clé de contexte «&#xa0;alt&#xa0;»)</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>The caption shown with the asset (context key “caption”)</source>
        <translation>La légende affichée avec la ressource (clé de contexte «&#xa0;caption&#xa0;»)</translation>
    </message>
    <message>
        <source>Structured metadata</source>
        <translation>Métadonnées structurées</translation>
    </message>
    <message>
        <source>Other context</source>
        <translation>Autre contexte</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>Public ID, version, ETag, asset ID, delivery type and URL</source>
        <translation>Public ID, version, ETag, ID de ressource, type de diffusion et URL</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Détails techniques</translation>
    </message>
</context>
<context>
    <name>LinkOpener</name>
    <message>
        <source>No E-mail Program</source>
        <translation>Aucun logiciel de messagerie</translation>
    </message>
    <message>
        <source>No Web Browser</source>
        <translation>Aucun navigateur web</translation>
    </message>
    <message>
        <source>Stratus found no e-mail program to write to this address. Copy it into the one you use:</source>
        <translation>Stratus n’a trouvé aucun logiciel de messagerie pour écrire à cette adresse. Copiez-la dans celui que vous utilisez&#xa0;:</translation>
    </message>
    <message>
        <source>Stratus found no web browser to open this address. Copy it into the browser you use:</source>
        <translation>Stratus n’a trouvé aucun navigateur web pour ouvrir cette adresse. Copiez-la dans le navigateur que vous utilisez&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Copy Address</source>
        <translation>&amp;Copier l’adresse</translation>
    </message>
</context>
<context>
    <name>LogInDialog</name>
    <message>
        <source>Log In</source>
        <translation>Connexion</translation>
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
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Documentation</translation>
    </message>
    <message>
        <source>&amp;Report a Problem…</source>
        <translation>&amp;Signaler un problème…</translation>
    </message>
    <message>
        <source>&amp;About Stratus</source>
        <translation>À &amp;propos de Stratus</translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation>&amp;Environnement</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Comptes…</translation>
    </message>
    <message>
        <source>Add, test, log out of or remove accounts and environments</source>
        <translation>Ajouter, tester, déconnecter ou retirer des comptes et des environnements</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Add A&amp;ccount…</source>
        <translation>Ajouter un co&amp;mpte…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Switch Environment…</source>
        <translation>&amp;Changer d’environnement…</translation>
    </message>
    <message>
        <source>Open the environment switcher</source>
        <translation>Ouvrir le sélecteur d’environnement</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>&amp;Upload Files…</source>
        <translation>&amp;Téléverser des fichiers…</translation>
    </message>
    <message>
        <source>Upload files to the folder shown (you can also drop files on the window)</source>
        <translation>Téléverser des fichiers dans le dossier affiché (vous pouvez aussi déposer des fichiers sur la fenêtre)</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>Upload &amp;Folder…</source>
        <translation>Téléverser un &amp;dossier…</translation>
    </message>
    <message>
        <source>Upload a folder and everything in it to the folder shown</source>
        <translation>Téléverser un dossier et tout son contenu dans le dossier affiché</translation>
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
        <translation>Tra&amp;nsferts</translation>
    </message>
    <message>
        <source>Show or hide the Transfers dock (uploads and downloads)</source>
        <translation>Afficher ou masquer le panneau «&#xa0;Transferts&#xa0;» (téléversements et téléchargements)</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Account:</source>
        <translation>Compte&#xa0;:</translation>
    </message>
    <message>
        <source>Cloud name:</source>
        <translation>Nom de cloud&#xa0;:</translation>
    </message>
    <message>
        <source>Folder mode:</source>
        <translation>Mode de dossiers&#xa0;:</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Connexion&#xa0;:</translation>
    </message>
    <message>
        <source>Catalogue:</source>
        <translation>Catalogue&#xa0;:</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Dernière synchronisation&#xa0;:</translation>
    </message>
    <message>
        <source>Plan and usage:</source>
        <translation>Forfait et utilisation&#xa0;:</translation>
    </message>
    <message>
        <source>Rate limit:</source>
        <translation>Limite d’appels&#xa0;:</translation>
    </message>
    <message>
        <source>Limited access:</source>
        <translation>Accès limité&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
</context>
<context>
    <name>ProvisioningPage</name>
    <message>
        <source>With the account’s provisioning credentials (Cloudinary Console → Settings → Account API Keys) Stratus lists the account’s product environments; tick the ones to add.</source>
        <translation>Avec les identifiants de provisionnement du compte (console Cloudinary → Settings → Account API Keys), Stratus liste les environnements de produit du compte&#xa0;; cochez ceux à ajouter.</translation>
    </message>
    <message>
        <source>CLOUDINARY_ACCOUNT_UR&amp;L:</source>
        <translation>CLOUDINARY_ACCOUNT_UR&amp;L&#xa0;:</translation>
    </message>
    <message>
        <source>account://KEY:SECRET@ACCOUNT_ID</source>
        <translation>account://KEY:SECRET@ACCOUNT_ID</translation>
    </message>
    <message>
        <source>or</source>
        <translation>ou</translation>
    </message>
    <message>
        <source>Account &amp;ID:</source>
        <translation>&amp;ID du compte&#xa0;:</translation>
    </message>
    <message>
        <source>Provisioning ke&amp;y:</source>
        <translation>Clé &amp;de provisionnement&#xa0;:</translation>
    </message>
    <message>
        <source>Provisioning &amp;secret:</source>
        <translation>&amp;Secret de provisionnement&#xa0;:</translation>
    </message>
    <message>
        <source>Find &amp;Environments</source>
        <translation>&amp;Rechercher les environnements</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Cloud name</source>
        <translation>Nom de cloud</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>Secret d’API</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Stratus uses a new language after a restart.</source>
        <translation>Une nouvelle langue s’applique au prochain redémarrage de Stratus.</translation>
    </message>
    <message>
        <source>Network Proxy</source>
        <translation>Proxy réseau</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>Paramètres du &amp;système</translation>
    </message>
    <message>
        <source>&amp;No proxy</source>
        <translation>&amp;Aucun proxy</translation>
    </message>
    <message>
        <source>&amp;Manual proxy</source>
        <translation>Proxy &amp;manuel</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Hôte&#xa0;:</translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation>proxy.example.com</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User (optional):</source>
        <translation>&amp;Utilisateur (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <source>Transfers and Cache</source>
        <translation>Transferts et cache</translation>
    </message>
    <message>
        <source>Parallel &amp;transfers:</source>
        <translation>&amp;Transferts simultanés&#xa0;:</translation>
    </message>
    <message>
        <source>Thumbnail &amp;cache:</source>
        <translation>&amp;Cache des miniatures&#xa0;:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>&amp;Ask for upload options for files dropped on or opened with Stratus</source>
        <translation>&amp;Demander les options de téléversement pour les fichiers déposés sur Stratus ou ouverts avec lui</translation>
    </message>
    <message>
        <source>Unticked, such files are uploaded at once with the last options, into the folder shown or dropped on</source>
        <translation>Si la case n’est pas cochée, ces fichiers sont téléversés aussitôt avec les dernières options, dans le dossier affiché ou dans celui sur lequel ils ont été déposés</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>Appa&amp;rence&#xa0;:</translation>
    </message>
    <message>
        <source>Show Closed &amp;Messages Again</source>
        <translation>Réafficher les messages &amp;fermés</translation>
    </message>
    <message>
        <source>Show the welcome messages you closed again, such as the Local sandbox&apos;s</source>
        <translation>Afficher à nouveau les messages d’accueil que vous avez fermés, comme celui du bac à sable local</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>M&amp;ot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>The password is kept in your keychain, never in the settings file.</source>
        <translation>Le mot de passe est conservé dans votre trousseau de clés, jamais dans le fichier de paramètres.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A desktop client for Cloudinary.</source>
        <translation>Un client de bureau pour Cloudinary.</translation>
    </message>
    <message>
        <source>Do not start the local sandbox.</source>
        <translation>Ne pas démarrer le bac à sable local.</translation>
    </message>
    <message>
        <source>Local sandbox</source>
        <translation>Bac à sable local</translation>
    </message>
    <message>
        <source>The local sandbox could not start: %1</source>
        <translation>Le bac à sable local n’a pas pu démarrer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Your accounts could not be read: %1
Stratus will not change them.</source>
        <translation>Vos comptes n’ont pas pu être lus&#xa0;: %1
Stratus ne les modifiera pas.</translation>
    </message>
    <message>
        <source>Files or folders to upload to the current environment: the upload options open with the folder shown chosen.</source>
        <translation>Fichiers ou dossiers à téléverser dans l’environnement actuel&#xa0;: les options de téléversement s’ouvrent avec le dossier affiché comme destination.</translation>
    </message>
</context>
<context>
    <name>stratus::app::LocalSandbox</name>
    <message>
        <source>Local sandbox</source>
        <translation>Bac à sable local</translation>
    </message>
</context>
<context>
    <name>stratus::app::SandboxWorker</name>
    <message>
        <source>Cannot create %1.</source>
        <translation>Impossible de créer %1.</translation>
    </message>
    <message>
        <source>Cannot listen on 127.0.0.1.</source>
        <translation>Impossible d’écouter sur 127.0.0.1.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AboutDialog</name>
    <message>
        <source>About Stratus</source>
        <translation>À propos de Stratus</translation>
    </message>
    <message>
        <source>Uses Qt %1</source>
        <translation>Utilise Qt %1</translation>
    </message>
    <message>
        <source>Uses Qt %1 (built with Qt %2)</source>
        <translation>Utilise Qt %1 (compilé avec Qt %2)</translation>
    </message>
    <message>
        <source>&lt;h2 style=&quot;margin-bottom:0&quot;&gt;Stratus&lt;/h2&gt;&lt;p style=&quot;margin-top:2px&quot;&gt;Version %1&lt;/p&gt;&lt;p&gt;A native desktop client for Cloudinary.&lt;/p&gt;&lt;p&gt;%2&lt;br&gt;Licensed under the MIT License.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Help and support&lt;/b&gt;&lt;br&gt;E-mail: &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;&lt;br&gt;Issue tracker: &lt;a href=&quot;%4&quot;&gt;%4&lt;/a&gt;&lt;/p&gt;&lt;p&gt;The user guide is under Help → Documentation (F1).&lt;/p&gt;</source>
        <translation>&lt;h2 style=&quot;margin-bottom:0&quot;&gt;Stratus&lt;/h2&gt;&lt;p style=&quot;margin-top:2px&quot;&gt;Version %1&lt;/p&gt;&lt;p&gt;Un client de bureau natif pour Cloudinary.&lt;/p&gt;&lt;p&gt;%2&lt;br&gt;Distribué sous licence MIT.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Aide et assistance&lt;/b&gt;&lt;br&gt;E-mail&#xa0;: &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;&lt;br&gt;Suivi des tickets&#xa0;: &lt;a href=&quot;%4&quot;&gt;%4&lt;/a&gt;&lt;/p&gt;&lt;p&gt;Le guide de l’utilisateur se trouve dans Aide → Documentation (F1).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AccountMessages</name>
    <message>
        <source>An environment (entry %1)</source>
        <translation>Un environnement (entrée %1)</translation>
    </message>
    <message>
        <source>An account (entry %1)</source>
        <translation>Un compte (entrée %1)</translation>
    </message>
    <message>
        <source>The environment “%1” (entry %2)</source>
        <translation>L’environnement «&#xa0;%1&#xa0;» (entrée %2)</translation>
    </message>
    <message>
        <source>The account “%1” (entry %2)</source>
        <translation>Le compte «&#xa0;%1&#xa0;» (entrée %2)</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Saisissez un nom.</translation>
    </message>
    <message>
        <source>A name must not contain control characters, line breaks or text-direction marks, which could break it up or make it look like another name. This one has %1 at position %2.</source>
        <translation>Un nom ne doit contenir ni caractères de contrôle, ni sauts de ligne, ni marques de sens d’écriture, qui pourraient le couper ou le faire ressembler à un autre nom. Celui-ci contient %1 à la position %2.</translation>
    </message>
    <message>
        <source>product environments</source>
        <translation>environnements de produit</translation>
    </message>
    <message>
        <source>accounts</source>
        <translation>comptes</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Stratus could not read these saved entries in %1. They are kept unchanged and not used; correct or remove them in that file and restart Stratus to use them.</source>
        <translation>Stratus n’a pas pu lire ces entrées enregistrées dans %1. Elles sont conservées telles quelles et ne sont pas utilisées&#xa0;; corrigez-les ou supprimez-les dans ce fichier, puis redémarrez Stratus pour les utiliser.</translation>
    </message>
    <message>
        <source>Stratus found a small inconsistency in %1 and corrects it at the next change; nothing in it was lost.</source>
        <translation>Stratus a trouvé une petite incohérence dans %1 et la corrigera à la prochaine modification&#xa0;; rien n’a été perdu.</translation>
    </message>
    <message>
        <source>This address sends your API secret &lt;b&gt;unencrypted&lt;/b&gt; (plain http) to %1, which is another computer: anyone on the networks in between can read it and use your account. Use an https:// address if the server offers one.</source>
        <translation>Cette adresse envoie votre secret d’API &lt;b&gt;en clair&lt;/b&gt; (http simple) à %1, un autre ordinateur&#xa0;: n’importe qui sur les réseaux intermédiaires peut le lire et utiliser votre compte. Utilisez une adresse https:// si le serveur en propose une.</translation>
    </message>
    <message>
        <source>Send the API secret unencrypted to %1 anyway</source>
        <translation>Envoyer quand même le secret d’API en clair à %1</translation>
    </message>
    <message>
        <source>This address would send the API secret unencrypted to %1. Tick “%2” if you trust every network in between, or use an https:// address.</source>
        <translation>Cette adresse enverrait le secret d’API en clair à %1. Cochez «&#xa0;%2&#xa0;» si vous faites confiance à tous les réseaux intermédiaires, ou utilisez une adresse https://.</translation>
    </message>
    <message numerus="yes">
        <source>%n saved entry(s) unreadable — &lt;a href=&quot;#accounts&quot;&gt;see Accounts&lt;/a&gt;</source>
        <translation>
            <numerusform>%n entrée enregistrée illisible — &lt;a href=&quot;#accounts&quot;&gt;voir Comptes&lt;/a&gt;</numerusform>
            <numerusform>%n entrées enregistrées illisibles — &lt;a href=&quot;#accounts&quot;&gt;voir Comptes&lt;/a&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>The list of %1: %2</source>
        <translation>La liste des %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AccountsDialog</name>
    <message>
        <source>Accounts and product environments</source>
        <translation>Comptes et environnements de produit</translation>
    </message>
    <message>
        <source>Add a product environment</source>
        <translation>Ajouter un environnement de produit</translation>
    </message>
    <message>
        <source>Rename the account or environment</source>
        <translation>Renommer le compte ou l’environnement</translation>
    </message>
    <message>
        <source>Test the credentials against Cloudinary</source>
        <translation>Tester les identifiants auprès de Cloudinary</translation>
    </message>
    <message>
        <source>Remove the account’s secrets from this computer until you log in again</source>
        <translation>Retirer les secrets du compte de cet ordinateur jusqu’à la prochaine connexion</translation>
    </message>
    <message>
        <source>Enter the account’s secrets again</source>
        <translation>Saisir à nouveau les secrets du compte</translation>
    </message>
    <message>
        <source>Remove from Stratus; nothing changes in Cloudinary</source>
        <translation>Retirer de Stratus&#xa0;; rien ne change dans Cloudinary</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Local sandbox (on this computer)</source>
        <translation>Bac à sable local (sur cet ordinateur)</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Compte %1</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>Intégré</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Non démarré</translation>
    </message>
    <message>
        <source>Limited access</source>
        <translation>Accès limité</translation>
    </message>
    <message>
        <source>Tested %1</source>
        <translation>Testé le %1</translation>
    </message>
    <message>
        <source>Not tested yet</source>
        <translation>Pas encore testé</translation>
    </message>
    <message>
        <source>S&amp;top Test</source>
        <translation>Arrêter le &amp;test</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>The local sandbox runs inside Stratus on this computer and keeps no secrets in your keychain, so there is nothing to log out of.</source>
        <translation>Le bac à sable local s’exécute dans Stratus sur cet ordinateur et ne conserve aucun secret dans votre trousseau de clés&#xa0;: il n’y a donc rien à déconnecter.</translation>
    </message>
    <message>
        <source>The local sandbox is part of Stratus and cannot be removed.</source>
        <translation>Le bac à sable local fait partie de Stratus et ne peut pas être retiré.</translation>
    </message>
    <message>
        <source>No accounts yet. Choose “Add…” to add a product environment.</source>
        <translation>Aucun compte pour l’instant. Choisissez «&#xa0;Ajouter…&#xa0;» pour ajouter un environnement de produit.</translation>
    </message>
    <message>
        <source>A Cloudinary-compatible server that runs inside Stratus on this computer, with sample media, so Stratus is useful before any account exists. It cannot be logged out or removed.</source>
        <translation>Un serveur compatible Cloudinary qui s’exécute dans Stratus sur cet ordinateur, avec des médias d’exemple, pour que Stratus soit utile avant même la création d’un compte. Il ne peut être ni déconnecté ni retiré.</translation>
    </message>
    <message>
        <source>Logged in.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <source>Logged out: its secrets are not on this computer.</source>
        <translation>Déconnecté&#xa0;: ses secrets ne sont pas sur cet ordinateur.</translation>
    </message>
    <message numerus="yes">
        <source>%n product environment(s).</source>
        <translation>
            <numerusform>%n environnement de produit.</numerusform>
            <numerusform>%n environnements de produit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Provisioning credentials of account %1 are kept in your keychain.</source>
        <translation>Les identifiants de provisionnement du compte %1 sont conservés dans votre trousseau de clés.</translation>
    </message>
    <message>
        <source>Cloud name:</source>
        <translation>Nom de cloud&#xa0;:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse&#xa0;:</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>non démarré</translation>
    </message>
    <message>
        <source>Folder mode:</source>
        <translation>Mode de dossiers&#xa0;:</translation>
    </message>
    <message>
        <source>Last tested:</source>
        <translation>Dernier test&#xa0;:</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message numerus="yes">
        <source>Added %n product environment(s).</source>
        <translation>
            <numerusform>%n environnement de produit ajouté.</numerusform>
            <numerusform>%n environnements de produit ajoutés.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;The connection works.&lt;/b&gt;</source>
        <translation>&lt;b&gt;La connexion fonctionne.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The test was stopped.</source>
        <translation>Le test a été arrêté.</translation>
    </message>
    <message>
        <source>The connection to “%1” works.</source>
        <translation>La connexion à «&#xa0;%1&#xa0;» fonctionne.</translation>
    </message>
    <message numerus="yes">
        <source>All %n product environments answered.</source>
        <translation>
            <numerusform>%n environnement de produit a répondu.</numerusform>
            <numerusform>Les %n environnements de produit ont répondu.</numerusform>
        </translation>
    </message>
    <message>
        <source>Log Out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Logging out…</source>
        <translation>Déconnexion…</translation>
    </message>
    <message>
        <source>Logged out of “%1”. Its secrets were removed from your keychain.</source>
        <translation>Déconnecté de «&#xa0;%1&#xa0;». Ses secrets ont été retirés de votre trousseau de clés.</translation>
    </message>
    <message>
        <source>Logged in to “%1”.</source>
        <translation>Connecté à «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>Retirer le compte</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>«&#xa0;%1&#xa0;» a été retiré.</translation>
    </message>
    <message>
        <source>Remove Product Environment</source>
        <translation>Retirer l’environnement de produit</translation>
    </message>
    <message>
        <source>Unencrypted</source>
        <translation>En clair</translation>
    </message>
    <message>
        <source>Refused: unencrypted</source>
        <translation>Refusé&#xa0;: en clair</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Connexion&#xa0;:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Unencrypted&lt;/b&gt; (plain http) to %1: the API secret can be read on the way. You allowed this.</source>
        <translation>&lt;b&gt;En clair&lt;/b&gt; (http simple) vers %1&#xa0;: le secret d’API peut être lu en chemin. Vous l’avez autorisé.</translation>
    </message>
    <message>
        <source>Unencrypted (plain http) to %1: refused until you allow it below, or use an https:// address.</source>
        <translation>En clair (http simple) vers %1&#xa0;: refusé tant que vous ne l’autorisez pas ci-dessous&#xa0;; ou utilisez une adresse https://.</translation>
    </message>
    <message>
        <source>Log out of “%1”?

Its API secrets are removed from your keychain, and what Stratus keeps of it on this computer is deleted: asset catalogues, unfinished uploads, cached thumbnails and web sessions. Its environments stay listed here; log in again with the API secrets to use them.</source>
        <translation>Se déconnecter de «&#xa0;%1&#xa0;»&#xa0;?

Ses secrets d’API sont retirés de votre trousseau de clés, et ce que Stratus en conserve sur cet ordinateur est supprimé&#xa0;: catalogues de ressources, téléversements inachevés, vignettes en cache et sessions web. Ses environnements restent listés ici&#xa0;; reconnectez-vous avec les secrets d’API pour les utiliser.</translation>
    </message>
    <message numerus="yes">
        <source>Remove the account “%1” and its %n product environment(s) from Stratus?

Their secrets, settings, asset catalogues, unfinished uploads and caches are deleted from this computer. Nothing changes in Cloudinary.</source>
        <translation>
            <numerusform>Retirer de Stratus le compte «&#xa0;%1&#xa0;» avec %n environnement de produit&#xa0;?

Leurs secrets, paramètres, catalogues de ressources, téléversements inachevés et caches sont supprimés de cet ordinateur. Rien ne change dans Cloudinary.</numerusform>
            <numerusform>Retirer de Stratus le compte «&#xa0;%1&#xa0;» avec ses %n environnements de produit&#xa0;?

Leurs secrets, paramètres, catalogues de ressources, téléversements inachevés et caches sont supprimés de cet ordinateur. Rien ne change dans Cloudinary.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the product environment “%1” from Stratus?

Its secret, settings, asset catalogue, unfinished uploads and cache are deleted from this computer. Nothing changes in Cloudinary.</source>
        <translation>Retirer l’environnement de produit «&#xa0;%1&#xa0;» de Stratus&#xa0;?

Son secret, ses paramètres, son catalogue de ressources, ses téléversements inachevés et son cache sont supprimés de cet ordinateur. Rien ne change dans Cloudinary.</translation>
    </message>
    <message>
        <source>The API secret of “%1” was replaced.</source>
        <translation>Le secret d’API de «&#xa0;%1&#xa0;» a été remplacé.</translation>
    </message>
    <message>
        <source>Signed in with Cloudinary</source>
        <translation>Connecté avec Cloudinary</translation>
    </message>
    <message>
        <source>API key %1</source>
        <translation>Clé d’API %1</translation>
    </message>
    <message>
        <source>Sign in again in your web browser (%1)</source>
        <translation>Se reconnecter dans le navigateur web (%1)</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>Identifiants&#xa0;:</translation>
    </message>
    <message>
        <source>Its tokens are in your keychain. Private and authenticated files cannot be previewed or linked, because signed URLs need the API secret.</source>
        <translation>Ses jetons sont dans votre trousseau de clés. Les fichiers privés et authentifiés ne peuvent être ni prévisualisés ni partagés par lien, car les URL signées exigent le secret d’API.</translation>
    </message>
    <message>
        <source>Log out of “%1”?

Stratus ends its sign-in with Cloudinary, removes its tokens from your keychain, and deletes what it keeps of it on this computer: asset catalogues, unfinished uploads, cached thumbnails and web sessions. It stays listed here; log in again by signing in in your browser.</source>
        <translation>Se déconnecter de «&#xa0;%1&#xa0;»&#xa0;?

Stratus met fin à sa connexion avec Cloudinary, retire ses jetons de votre trousseau de clés et supprime ce qu’il en conserve sur cet ordinateur&#xa0;: catalogues de ressources, téléversements inachevés, vignettes en cache et sessions web. L’environnement reste listé ici&#xa0;; pour vous reconnecter, connectez-vous dans votre navigateur.</translation>
    </message>
    <message>
        <source>Logged out of “%1”. Its sign-in was ended and its tokens removed from your keychain.</source>
        <translation>Déconnecté de «&#xa0;%1&#xa0;». Sa connexion a été fermée et ses jetons ont été retirés de votre trousseau de clés.</translation>
    </message>
    <message>
        <source>The e-mail address the Media Library signs in to Cloudinary’s console with</source>
        <translation>L’adresse e-mail avec laquelle la Media Library se connecte à la console Cloudinary</translation>
    </message>
    <message>
        <source>The Media Library asks you to sign in (no console e-mail).</source>
        <translation>La Media Library vous demande de vous connecter (pas d’e-mail de console).</translation>
    </message>
    <message>
        <source>The Media Library signs in as %1.</source>
        <translation>La Media Library se connecte en tant que %1.</translation>
    </message>
    <message>
        <source>“%1”: its web sessions (the Media Library’s sign-in and storage) could not be deleted from this computer: %2</source>
        <translation>« %1 » : ses sessions web (la connexion et le stockage de la Media Library) n’ont pas pu être supprimées de cet ordinateur : %2</translation>
    </message>
    <message>
        <source>Console E-mail</source>
        <translation>E-mail de la console</translation>
    </message>
    <message>
        <source>The e-mail address you sign in to Cloudinary’s console with for “%1”. With it, the Media Library signs you in automatically (signed on this computer with the API secret, which stays here). Leave it empty to sign in inside the Media Library instead.</source>
        <translation>L’adresse e-mail avec laquelle vous vous connectez à la console Cloudinary pour « %1 ». Avec elle, la Media Library vous connecte automatiquement (signé sur cet ordinateur avec le secret d’API, qui reste ici). Laissez vide pour vous connecter plutôt dans la Media Library.</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address.</source>
        <translation>« %1 » n’est pas une adresse e-mail.</translation>
    </message>
    <message>
        <source>The Media Library will ask you to sign in.</source>
        <translation>La Media Library vous demandera de vous connecter.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AddEnvironmentDialog</name>
    <message>
        <source>From Account (&amp;Provisioning)</source>
        <translation>Depuis le compte (&amp;provisionnement)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>Paste the CLOUDINARY_URL of the product environment.</source>
        <translation>Collez la CLOUDINARY_URL de l’environnement de produit.</translation>
    </message>
    <message>
        <source>This is not a CLOUDINARY_URL: %1</source>
        <translation>Ceci n’est pas une CLOUDINARY_URL&#xa0;: %1</translation>
    </message>
    <message>
        <source>The URL needs an API key and an API secret: cloudinary://API_KEY:API_SECRET@CLOUD_NAME.</source>
        <translation>L’URL doit contenir une clé d’API et un secret d’API&#xa0;: cloudinary://API_KEY:API_SECRET@CLOUD_NAME.</translation>
    </message>
    <message>
        <source>Enter the cloud name, the API key and the API secret.</source>
        <translation>Saisissez le nom de cloud, la clé d’API et le secret d’API.</translation>
    </message>
    <message>
        <source>The cloud name or API key is not valid: %1</source>
        <translation>Le nom de cloud ou la clé d’API n’est pas valide&#xa0;: %1</translation>
    </message>
    <message>
        <source>An environment named “%1” exists already. Choose another name.</source>
        <translation>Un environnement nommé «&#xa0;%1&#xa0;» existe déjà. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>The chosen account no longer exists.</source>
        <translation>Le compte choisi n’existe plus.</translation>
    </message>
    <message>
        <source>An account labelled “%1” exists already. Choose it under Account, or give the new account another label.</source>
        <translation>Un compte avec le libellé «&#xa0;%1&#xa0;» existe déjà. Choisissez-le sous «&#xa0;Compte&#xa0;» ou donnez un autre libellé au nouveau compte.</translation>
    </message>
    <message>
        <source>The test was cancelled. Nothing was saved.</source>
        <translation>Le test a été annulé. Rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>&amp;Add Anyway</source>
        <translation>Ajouter &amp;quand même</translation>
    </message>
    <message>
        <source>Saving the secret in your keychain…</source>
        <translation>Enregistrement du secret dans votre trousseau de clés…</translation>
    </message>
    <message>
        <source>Sign &amp;In with Cloudinary</source>
        <translation>Se &amp;connecter avec Cloudinary</translation>
    </message>
    <message>
        <source>Saving the sign-in in your keychain…</source>
        <translation>Enregistrement de la connexion dans votre trousseau de clés…</translation>
    </message>
</context>
<context>
    <name>stratus::gui::AssetColumnsModel</name>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n ressource</numerusform>
            <numerusform>%n ressources</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Dimensions</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
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
            <numerusform>%1 — %n ressource</numerusform>
            <numerusform>%1 — %n ressources</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowseView</name>
    <message>
        <source>The catalogue of this environment cannot be opened, so there is nothing to browse: %1</source>
        <translation>Le catalogue de cet environnement ne peut pas être ouvert, il n’y a donc rien à parcourir&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Browse</source>
        <translation>&amp;Parcourir</translation>
    </message>
    <message>
        <source>This environment is closed.</source>
        <translation>Cet environnement est fermé.</translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) selected</source>
        <translation>
            <numerusform>%n ressource sélectionnée</numerusform>
            <numerusform>%n ressources sélectionnées</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>A&amp;ller</translation>
    </message>
    <message>
        <source>Upload &amp;Files…</source>
        <translation>Téléverser des &amp;fichiers…</translation>
    </message>
    <message>
        <source>Upload files to the folder shown (you can also drop files on the window)</source>
        <translation>Téléverser des fichiers dans le dossier affiché (vous pouvez aussi déposer des fichiers sur la fenêtre)</translation>
    </message>
    <message>
        <source>Upload F&amp;older…</source>
        <translation>Téléverser un &amp;dossier…</translation>
    </message>
    <message>
        <source>Upload from a &amp;URL, Camera or Cloud Storage…</source>
        <translation>Téléverser depuis une &amp;URL, la caméra ou un stockage cloud…</translation>
    </message>
    <message>
        <source>Cloudinary&apos;s Upload widget: files, a web address or the camera, into the folder shown</source>
        <translation>Le widget de téléversement de Cloudinary : des fichiers, une adresse web ou la caméra, dans le dossier affiché</translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowserCommands</name>
    <message>
        <source>Download to</source>
        <translation>Télécharger dans</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Télécharger…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>&amp;Move to…</source>
        <translation>&amp;Déplacer vers…</translation>
    </message>
    <message>
        <source>Edit &amp;tags…</source>
        <translation>Modifier les ta&amp;gs…</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>&amp;Copier l’URL</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>&amp;New folder…</source>
        <translation>&amp;Nouveau dossier…</translation>
    </message>
    <message>
        <source>Re&amp;name folder…</source>
        <translation>&amp;Renommer le dossier…</translation>
    </message>
    <message>
        <source>Delete &amp;folder</source>
        <translation>&amp;Supprimer le dossier</translation>
    </message>
    <message>
        <source>Renaming changes the public ID and its delivery URLs</source>
        <translation>Renommer change le public ID et ses URL de diffusion</translation>
    </message>
    <message>
        <source>Changes the display name; URLs stay</source>
        <translation>Change le nom d’affichage&#xa0;; les URL restent les mêmes</translation>
    </message>
    <message>
        <source>Folders can be renamed in dynamic folder mode only</source>
        <translation>Les dossiers ne peuvent être renommés qu’en mode de dossiers dynamiques</translation>
    </message>
    <message>
        <source>Only an empty folder can be deleted</source>
        <translation>Seul un dossier vide peut être supprimé</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>%1… %2 of %3</source>
        <translation>%1… %2 sur %3</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1&#xa0;: échec</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1&#xa0;: échec — %2</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1&#xa0;: terminé</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message numerus="yes">
        <source>Move %n asset(s) to %1?</source>
        <translation>
            <numerusform>Déplacer %n ressource vers %1&#xa0;?</numerusform>
            <numerusform>Déplacer %n ressources vers %1&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>In fixed folder mode this changes their public IDs: delivery URLs with the old ones stop working.</source>
        <translation>En mode de dossiers fixes, cela change leurs public ID&#xa0;: les URL de diffusion avec les anciens public ID cessent de fonctionner.</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Déplacer</translation>
    </message>
    <message>
        <source>Edit tags</source>
        <translation>Modifier les tags</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>Copier l’URL</translation>
    </message>
    <message>
        <source>Some URLs could not be made.</source>
        <translation>Certaines URL n’ont pas pu être générées.</translation>
    </message>
    <message numerus="yes">
        <source>%n URL(s) copied</source>
        <translation>
            <numerusform>%n URL copiée</numerusform>
            <numerusform>%n URL copiées</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n asset(s) from Cloudinary?</source>
        <translation>
            <numerusform>Supprimer %n ressource de Cloudinary&#xa0;?</numerusform>
            <numerusform>Supprimer %n ressources de Cloudinary&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone: the originals and their derived versions are deleted and their delivery URLs stop working.</source>
        <translation>Cette action est irréversible&#xa0;: les originaux et leurs versions dérivées sont supprimés, et leurs URL de diffusion cessent de fonctionner.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Nouveau dossier</translation>
    </message>
    <message>
        <source>&amp;Name of the new folder in %1:</source>
        <translation>&amp;Nom du nouveau dossier dans %1&#xa0;:</translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>Renommer le dossier</translation>
    </message>
    <message>
        <source>&amp;New name of %1 (the assets&apos; URLs stay the same):</source>
        <translation>&amp;Nouveau nom de %1 (les URL des ressources restent les mêmes)&#xa0;:</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>Supprimer le dossier</translation>
    </message>
    <message>
        <source>Delete the empty folder %1?</source>
        <translation>Supprimer le dossier vide %1&#xa0;?</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Téléchargement</translation>
    </message>
    <message numerus="yes">
        <source>Download cancelled; %n file(s) saved</source>
        <translation>
            <numerusform>Téléchargement annulé&#xa0;; %n fichier enregistré</numerusform>
            <numerusform>Téléchargement annulé&#xa0;; %n fichiers enregistrés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) downloaded</source>
        <translation>
            <numerusform>%n fichier téléchargé</numerusform>
            <numerusform>%n fichiers téléchargés</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>Renommer %1</translation>
    </message>
    <message numerus="yes">
        <source>Move %n asset(s)</source>
        <translation>
            <numerusform>Déplacer %n ressource</numerusform>
            <numerusform>Déplacer %n ressources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n asset(s)</source>
        <translation>
            <numerusform>Supprimer %n ressource</numerusform>
            <numerusform>Supprimer %n ressources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit the tags of %n asset(s)</source>
        <translation>
            <numerusform>Modifier les tags de %n ressource</numerusform>
            <numerusform>Modifier les tags de %n ressources</numerusform>
        </translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>Enregistrer %1</translation>
    </message>
    <message>
        <source>Create the folder %1</source>
        <translation>Créer le dossier %1</translation>
    </message>
    <message>
        <source>Rename the folder %1</source>
        <translation>Renommer le dossier %1</translation>
    </message>
    <message>
        <source>Delete the folder %1</source>
        <translation>Supprimer le dossier %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (and %n more error(s))</source>
        <translation>
            <numerusform>%1 (et %n autre erreur)</numerusform>
            <numerusform>%1 (et %n autres erreurs)</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloading file %1 of %2…</source>
        <translation>Téléchargement du fichier %1 sur %2…</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed (the transfers dock says why)</source>
        <translation>
            <numerusform>%1, %n en échec (le panneau «&#xa0;Transferts&#xa0;» indique pourquoi)</numerusform>
            <numerusform>%1, %n en échec (le panneau «&#xa0;Transferts&#xa0;» indique pourquoi)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n private or authenticated file(s) left out: %1</source>
        <translation>
            <numerusform>%n fichier privé ou authentifié ignoré&#xa0;: %1</numerusform>
            <numerusform>%n fichiers privés ou authentifiés ignorés&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit in Media &amp;Editor…</source>
        <translation>Modifier dans Media &amp;Editor…</translation>
    </message>
    <message>
        <source>Preview in &amp;Video Player</source>
        <translation>Aperçu dans le lecteur &amp;vidéo</translation>
    </message>
    <message>
        <source>Preview as &amp;Product Gallery</source>
        <translation>Aperçu en &amp;Product Gallery</translation>
    </message>
    <message>
        <source>Crop, resize or convert a picture, or trim a video, and save the result as a new asset</source>
        <translation>Recadrer, redimensionner ou convertir une image, ou couper une vidéo, et enregistrer le résultat comme nouvel asset</translation>
    </message>
    <message>
        <source>Play the video in Cloudinary&apos;s Video Player and copy the code to embed it</source>
        <translation>Lire la vidéo dans le lecteur vidéo de Cloudinary et copier le code pour l’intégrer</translation>
    </message>
    <message>
        <source>Show the selected pictures and videos in Cloudinary&apos;s Product Gallery and copy the code to embed it</source>
        <translation>Afficher les images et vidéos sélectionnées dans la Product Gallery de Cloudinary et copier le code pour l’intégrer</translation>
    </message>
</context>
<context>
    <name>stratus::gui::BrowserPage</name>
    <message>
        <source>The catalogue could not be read</source>
        <translation>Le catalogue n’a pas pu être lu</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n ressource</numerusform>
            <numerusform>%n ressources</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — browsing works from the catalogue; changes to assets wait until the environment answers.</source>
        <translation>%1 — la navigation fonctionne à partir du catalogue&#xa0;; les modifications des ressources attendent que l’environnement réponde.</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Aperçu</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Infos</translation>
    </message>
    <message>
        <source>Show or hide the details of the selected assets (Ctrl+I)</source>
        <translation>Afficher ou masquer les détails des ressources sélectionnées (Ctrl+I)</translation>
    </message>
    <message>
        <source>Details panel</source>
        <translation>Panneau des détails</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Précédent</translation>
    </message>
    <message>
        <source>Back to the previous folder (%1)</source>
        <translation>Revenir au dossier précédent (%1)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <source>Forward to the next folder (%1)</source>
        <translation>Aller au dossier suivant (%1)</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Dossier parent</translation>
    </message>
    <message>
        <source>Up to the folder that holds this one (%1)</source>
        <translation>Remonter au dossier qui contient celui-ci (%1)</translation>
    </message>
    <message>
        <source>Search names, tags and context in every folder; Esc clears</source>
        <translation>Rechercher noms, tags et contexte dans tous les dossiers&#xa0;; Échap efface</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>Revenir à %1</translation>
    </message>
    <message>
        <source>Forward to %1</source>
        <translation>Aller à %1</translation>
    </message>
    <message>
        <source>Up to %1</source>
        <translation>Remonter à %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>folders · assets</comment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossiers</numerusform>
        </translation>
    </message>
    <message>
        <source>No assets yet</source>
        <translation>Aucune ressource pour l’instant</translation>
    </message>
    <message>
        <source>Nothing has been uploaded to this environment, or the catalogue has not been synced yet. Drop files on Home in the folder tree to upload them.</source>
        <translation>Rien n’a encore été téléversé dans cet environnement, ou le catalogue n’a pas encore été synchronisé. Déposez des fichiers sur «&#xa0;Accueil&#xa0;» dans l’arborescence des dossiers pour les téléverser.</translation>
    </message>
    <message>
        <source>This folder is empty</source>
        <translation>Ce dossier est vide</translation>
    </message>
    <message>
        <source>“%1” holds no assets and no folders. Files dropped on a folder of the tree are uploaded there.</source>
        <translation>«&#xa0;%1&#xa0;» ne contient ni ressources ni dossiers. Les fichiers déposés sur un dossier de l’arborescence y sont téléversés.</translation>
    </message>
    <message>
        <source>No asset in any folder matches these words and the filters.</source>
        <translation>Aucune ressource d’aucun dossier ne correspond à ces mots et aux filtres.</translation>
    </message>
    <message>
        <source>No asset in any folder matches these words. Check the spelling, or try fewer or shorter words.</source>
        <translation>Aucune ressource d’aucun dossier ne correspond à ces mots. Vérifiez l’orthographe, ou essayez des mots moins nombreux ou plus courts.</translation>
    </message>
    <message>
        <source>No asset in “%1” matches these words and the filters; other folders were not searched.</source>
        <translation>Aucune ressource de «&#xa0;%1&#xa0;» ne correspond à ces mots et aux filtres&#xa0;; les autres dossiers n’ont pas été inclus dans la recherche.</translation>
    </message>
    <message>
        <source>No asset in “%1” matches these words; other folders were not searched.</source>
        <translation>Aucune ressource de «&#xa0;%1&#xa0;» ne correspond à ces mots&#xa0;; les autres dossiers n’ont pas été inclus dans la recherche.</translation>
    </message>
    <message>
        <source>No results for “%1”</source>
        <translation>Aucun résultat pour «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>No asset in any folder matches the filters.</source>
        <translation>Aucune ressource d’aucun dossier ne correspond aux filtres.</translation>
    </message>
    <message>
        <source>None of the assets directly in “%1” match the filters; its sub-folders were not searched.</source>
        <translation>Aucune des ressources situées directement dans «&#xa0;%1&#xa0;» ne correspond aux filtres&#xa0;; ses sous-dossiers n’ont pas été inclus dans la recherche.</translation>
    </message>
    <message>
        <source>No assets match the filters</source>
        <translation>Aucune ressource ne correspond aux filtres</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Assets in rows</source>
        <translation>Ressources en rangées</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>&amp;Grille</translation>
    </message>
    <message>
        <source>Square thumbnails</source>
        <translation>Vignettes carrées</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>A sortable list with details</source>
        <translation>Liste triable avec les détails</translation>
    </message>
    <message>
        <source>&amp;Justified</source>
        <translation>&amp;Justifié</translation>
    </message>
    <message>
        <source>Rows of pictures in their own proportions</source>
        <translation>Rangées d’images dans leurs propres proportions</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Details Panel</source>
        <translation>Panneau des &amp;détails</translation>
    </message>
    <message>
        <source>&amp;Sort By</source>
        <translation>&amp;Trier par</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Created</source>
        <translation>Date de &amp;création</translation>
    </message>
    <message>
        <source>&amp;Size</source>
        <translation>&amp;Taille</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>T&amp;ype</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>&amp;Dimensions</source>
        <translation>&amp;Dimensions</translation>
    </message>
    <message>
        <source>&amp;Ascending</source>
        <translation>Cr&amp;oissant</translation>
    </message>
    <message>
        <source>D&amp;escending</source>
        <translation>D&amp;écroissant</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Trier</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Téléverser</translation>
    </message>
    <message>
        <source>Upload files to the folder shown; the arrow offers more</source>
        <translation>Téléverser des fichiers dans le dossier affiché&#xa0;; la flèche propose d’autres options</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>sort key, arrow</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Sorted by %1, %2 — choose the order</source>
        <translation>Tri par %1 (%2) — choisissez l’ordre</translation>
    </message>
    <message>
        <source>ascending</source>
        <translation>croissant</translation>
    </message>
    <message>
        <source>descending</source>
        <translation>décroissant</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>Rec&amp;hercher…</translation>
    </message>
    <message>
        <source>Open Context Menu</source>
        <translation>Ouvrir le menu contextuel</translation>
    </message>
</context>
<context>
    <name>stratus::gui::CheckMessages</name>
    <message>
        <source>Testing the connection to “%1”…</source>
        <translation>Test de la connexion à «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Testing “%1” (%2 of %3)…</source>
        <translation>Test de «&#xa0;%1&#xa0;» (%2 sur %3)…</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Rien n’a été modifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>Folder mode: %1</source>
        <translation>Mode de dossiers&#xa0;: %1</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>Forfait&#xa0;: %1</translation>
    </message>
    <message>
        <source>Credits used: %1 of %2 (%3%)</source>
        <translation>Crédits utilisés&#xa0;: %1 sur %2 (%3&#xa0;%)</translation>
    </message>
    <message>
        <source>Storage used: %1%</source>
        <translation>Stockage utilisé&#xa0;: %1&#xa0;%</translation>
    </message>
    <message>
        <source>Assets: %1</source>
        <translation>Ressources&#xa0;: %1</translation>
    </message>
    <message>
        <source>Admin API: %1 of %2 calls left this hour</source>
        <translation>Admin API&#xa0;: %1 appels restants sur %2 pour cette heure</translation>
    </message>
    <message>
        <source>%1 — the server said: “%2”</source>
        <translation>%1 — réponse du serveur&#xa0;: «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>Not allowed with these credentials:</source>
        <translation>Non autorisé avec ces identifiants&#xa0;:</translation>
    </message>
    <message>
        <source>browsing and editing (Admin API)</source>
        <translation>navigation et modification (Admin API)</translation>
    </message>
    <message>
        <source>reading the folder mode</source>
        <translation>lecture du mode de dossiers</translation>
    </message>
    <message>
        <source>reading the plan and usage</source>
        <translation>lecture du forfait et de l’utilisation</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>recherche</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>téléversement</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>fixe</translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation>dynamique</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>encore inconnu</translation>
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
        <translation>Pas d’aperçu</translation>
    </message>
    <message>
        <source>Public ID</source>
        <translation>Public ID</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Resource type</source>
        <translation>Type de ressource</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Dimensions</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Téléversé</translation>
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
        <translation>ID de ressource</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Offline — edits are unavailable: %1</source>
        <translation>Hors ligne — modification impossible&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n of them are not in the catalogue.</source>
        <translation>
            <numerusform>%n d’entre elles n’est pas dans le catalogue.</numerusform>
            <numerusform>%n d’entre elles ne sont pas dans le catalogue.</numerusform>
        </translation>
    </message>
    <message>
        <source>This asset is not in the catalogue.</source>
        <translation>Cette ressource n’est pas dans le catalogue.</translation>
    </message>
    <message>
        <source>Unsaved changes from before.</source>
        <translation>Modifications non enregistrées de tout à l’heure.</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message>
        <source>%L1 seconds</source>
        <translation>%L1 secondes</translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 octets</translation>
    </message>
    <message>
        <source>The name shown in the Media Library; it does not change the URL.</source>
        <translation>Le nom affiché dans la Media Library&#xa0;; il ne modifie pas l’URL.</translation>
    </message>
    <message>
        <source>In fixed folder mode an asset&apos;s name is the last part of its public ID; renaming it changes the public ID and its URLs.</source>
        <translation>En mode de dossiers fixes, le nom d’une ressource est la dernière partie de son public ID&#xa0;; la renommer change le public ID et ses URL.</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>Modifications non enregistrées.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>No link: %1</source>
        <translation>Pas de lien&#xa0;: %1</translation>
    </message>
    <message>
        <source>Copied the link to the clipboard.</source>
        <translation>Lien copié dans le presse-papiers.</translation>
    </message>
    <message>
        <source>No web browser could be started.</source>
        <translation>Aucun navigateur web n’a pu être lancé.</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>Chargement de l’aperçu…</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>%1 image</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <source>%1 audio</source>
        <translation>Audio %1</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>%1 video</source>
        <translation>Vidéo %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>Fichier %1</translation>
    </message>
    <message>
        <source>Delivery type</source>
        <translation>Type de diffusion</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>No longer in the list shown.</source>
        <translation>N’est plus dans la liste affichée.</translation>
    </message>
    <message>
        <source>No longer in the list shown: now in “%1”.</source>
        <translation>N’est plus dans la liste affichée&#xa0;: se trouve maintenant dans «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Select an asset to see its details.</source>
        <translation>Sélectionnez une ressource pour afficher ses détails.</translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n Assets</source>
        <translation>
            <numerusform>Appliquer à %n ressource</numerusform>
            <numerusform>Appliquer à %n ressources</numerusform>
        </translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message numerus="yes">
        <source>%n assets · %1</source>
        <translation>
            <numerusform>%n ressource · %1</numerusform>
            <numerusform>%n ressources · %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a count and a file format: 3 JPG</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Every selected asset has this tag.</source>
        <translation>Toutes les ressources sélectionnées ont ce tag.</translation>
    </message>
    <message>
        <source>%1 (%2/%3)</source>
        <translation>%1 (%2/%3)</translation>
    </message>
    <message numerus="yes">
        <source>%1 of the %n selected assets have this tag; Add makes it a tag of all.</source>
        <translation>
            <numerusform>Ce tag est attribué à %1 sur %n ressource sélectionnée&#xa0;; «&#xa0;Ajouter&#xa0;» l’attribue à toutes.</numerusform>
            <numerusform>Ce tag est attribué à %1 des %n ressources sélectionnées&#xa0;; «&#xa0;Ajouter&#xa0;» l’attribue à toutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Valeurs différentes</translation>
    </message>
    <message>
        <source>The selected assets differ here; what you type is set on all of them.</source>
        <translation>Les ressources sélectionnées diffèrent ici&#xa0;; ce que vous saisissez s’applique à toutes.</translation>
    </message>
    <message>
        <source>The same on every selected asset; what you type is set on all of them.</source>
        <translation>Identique pour toutes les ressources sélectionnées&#xa0;; ce que vous saisissez s’applique à toutes.</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message numerus="yes">
        <source>%n more selected</source>
        <translation>
            <numerusform>%n autre sélectionnée</numerusform>
            <numerusform>%n autres sélectionnées</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change: the selected assets have these values already.</source>
        <translation>Rien à modifier&#xa0;: les ressources sélectionnées ont déjà ces valeurs.</translation>
    </message>
    <message>
        <source>Saving %1 of %2…</source>
        <translation>Enregistrement&#xa0;: %1 sur %2…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n asset(s).</source>
        <translation>
            <numerusform>%n ressource enregistrée.</numerusform>
            <numerusform>%n ressources enregistrées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 of %2 assets; %n failed:</source>
        <translation>
            <numerusform>%1 ressources sur %2 enregistrées&#xa0;; %n en échec&#xa0;:</numerusform>
            <numerusform>%1 ressources sur %2 enregistrées&#xa0;; %n en échec&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed when copied</source>
        <translation>Signée lors de la copie</translation>
    </message>
    <message>
        <source>None: signing needs the API secret</source>
        <translation>Aucune&#xa0;: la signature exige le secret d’API</translation>
    </message>
</context>
<context>
    <name>stratus::gui::DownloadsPanel</name>
    <message>
        <source>&amp;Cancel Download</source>
        <translation>&amp;Annuler le téléchargement</translation>
    </message>
    <message>
        <source>Files you download from the browser (Download… in its context menu) are listed here.</source>
        <translation>Les fichiers que vous téléchargez en parcourant les ressources («&#xa0;Télécharger…&#xa0;» dans le menu contextuel) apparaissent ici.</translation>
    </message>
    <message>
        <source>&amp;Show in Folder</source>
        <translation>Afficher dans le &amp;dossier</translation>
    </message>
    <message>
        <source>Clear &amp;List</source>
        <translation>Vider la &amp;liste</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Saved in</source>
        <translation>Enregistré dans</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Downloaded files</source>
        <translation>Fichiers téléchargés</translation>
    </message>
    <message>
        <source>Show the selected file in the file manager (Enter)</source>
        <translation>Afficher le fichier sélectionné dans le gestionnaire de fichiers (Entrée)</translation>
    </message>
    <message>
        <source>Remove the finished downloads from this list (the files stay)</source>
        <translation>Retirer de cette liste les téléchargements terminés (les fichiers restent)</translation>
    </message>
    <message>
        <source>Downloading file %1 of %2 — %3 of %4</source>
        <translation>Téléchargement du fichier %1 sur %2 — %3 sur %4</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Téléchargé</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>Download cancelled; %n file(s) saved in %1</source>
        <translation>
            <numerusform>Téléchargement annulé&#xa0;; %n fichier enregistré dans %1</numerusform>
            <numerusform>Téléchargement annulé&#xa0;; %n fichiers enregistrés dans %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) downloaded to %1</source>
        <translation>
            <numerusform>%n fichier téléchargé dans %1</numerusform>
            <numerusform>%n fichiers téléchargés dans %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed</source>
        <translation>
            <numerusform>%1, %n en échec</numerusform>
            <numerusform>%1, %n en échec</numerusform>
        </translation>
    </message>
    <message>
        <source>No file manager could be opened to show the file. It is saved as:
%1</source>
        <translation>Aucun gestionnaire de fichiers n’a pu être ouvert pour afficher le fichier. Il est enregistré sous&#xa0;:
%1</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
</context>
<context>
    <name>stratus::gui::EmptyState</name>
    <message>
        <source>Clear Filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Clear Search</source>
        <translation>Effacer la recherche</translation>
    </message>
    <message>
        <source>Search Everywhere</source>
        <translation>Rechercher partout</translation>
    </message>
</context>
<context>
    <name>stratus::gui::EnvironmentPage</name>
    <message>
        <source>the API key or secret is wrong</source>
        <translation>la clé ou le secret d’API est incorrect</translation>
    </message>
    <message>
        <source>the cloud name is unknown</source>
        <translation>le nom de cloud est inconnu</translation>
    </message>
    <message>
        <source>no network connection</source>
        <translation>aucune connexion réseau</translation>
    </message>
    <message>
        <source>the proxy refused the connection</source>
        <translation>le proxy a refusé la connexion</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>la connexion sécurisée a échoué</translation>
    </message>
    <message>
        <source>these credentials may not use the Admin API</source>
        <translation>ces identifiants ne sont pas autorisés à utiliser l’Admin API</translation>
    </message>
    <message>
        <source>the Admin API budget is spent</source>
        <translation>le quota de l’Admin API est épuisé</translation>
    </message>
    <message>
        <source>the server had a problem</source>
        <translation>le serveur a rencontré un problème</translation>
    </message>
    <message>
        <source>the keychain did not give the API secret</source>
        <translation>le trousseau de clés n’a pas fourni le secret d’API</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>une erreur inattendue</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Hors ligne&#xa0;: %1</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refusé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Fixed folders</source>
        <translation>Dossiers fixes</translation>
    </message>
    <message>
        <source>Dynamic folders</source>
        <translation>Dossiers dynamiques</translation>
    </message>
    <message>
        <source>Folder mode unknown</source>
        <translation>Mode de dossiers inconnu</translation>
    </message>
    <message>
        <source>Admin API: budget not known yet</source>
        <translation>Admin API&#xa0;: quota encore inconnu</translation>
    </message>
    <message>
        <source>Admin API: %1 of %2 calls left this hour</source>
        <translation>Admin API&#xa0;: %1 appels restants sur %2 pour cette heure</translation>
    </message>
    <message>
        <source>Sync paused until %1 (Admin API budget spent)</source>
        <translation>Synchronisation en pause jusqu’à %1 (quota de l’Admin API épuisé)</translation>
    </message>
    <message>
        <source>Syncing the catalogue…</source>
        <translation>Synchronisation du catalogue…</translation>
    </message>
    <message>
        <source>Syncing %1 of %2 assets</source>
        <translation>Synchronisation&#xa0;: %1 ressources sur %2</translation>
    </message>
    <message>
        <source>Catalogue not synced: %1</source>
        <translation>Catalogue non synchronisé&#xa0;: %1</translation>
    </message>
    <message>
        <source>No catalogue: %1</source>
        <translation>Pas de catalogue&#xa0;: %1</translation>
    </message>
    <message>
        <source>Catalogue up to date</source>
        <translation>Catalogue à jour</translation>
    </message>
    <message>
        <source>the API secret would go unencrypted to another computer (use https, or allow it in Accounts)</source>
        <translation>le secret d’API partirait en clair vers un autre ordinateur (utilisez https, ou autorisez-le dans Comptes)</translation>
    </message>
    <message>
        <source>The catalogue was damaged; rebuilding it from the server…</source>
        <translation>Le catalogue était endommagé&#xa0;; reconstruction depuis le serveur…</translation>
    </message>
    <message>
        <source>The catalogue was damaged; rebuilding it: %1 of %2 assets</source>
        <translation>Le catalogue était endommagé&#xa0;; reconstruction&#xa0;: %1 ressources sur %2</translation>
    </message>
    <message>
        <source>Catalogue rebuilt: the file was damaged</source>
        <translation>Catalogue reconstruit&#xa0;: le fichier était endommagé</translation>
    </message>
    <message>
        <source>The catalogue could not be synced.</source>
        <translation>Le catalogue n’a pas pu être synchronisé.</translation>
    </message>
    <message>
        <source>Re-enter API Secret</source>
        <translation>Saisir à nouveau le secret d’API</translation>
    </message>
    <message>
        <source>The API secret was not replaced.</source>
        <translation>Le secret d’API n’a pas été remplacé.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (on this computer)</source>
        <translation>%1 (sur cet ordinateur)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Local sandbox:&lt;/b&gt; sample media on this computer to try Stratus with; nothing here reaches Cloudinary.</source>
        <translation>&lt;b&gt;Bac à sable local&#xa0;:&lt;/b&gt; des médias d’exemple sur cet ordinateur pour essayer Stratus&#xa0;; rien de ce qui s’y trouve n’est envoyé à Cloudinary.</translation>
    </message>
    <message>
        <source>&amp;Add a Cloudinary Account…</source>
        <translation>Ajouter un &amp;compte Cloudinary…</translation>
    </message>
</context>
<context>
    <name>stratus::gui::EnvironmentSwitcherButton</name>
    <message>
        <source>Switch product environment (Ctrl+K)</source>
        <translation>Changer d’environnement de produit (Ctrl+K)</translation>
    </message>
    <message>
        <source>No environment</source>
        <translation>Aucun environnement</translation>
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
        <translation>Tapez pour filtrer les environnements</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>Local sandbox on this computer</source>
        <translation>Bac à sable local sur cet ordinateur</translation>
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
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Filter by type</source>
        <translation>Filtrer par type</translation>
    </message>
    <message>
        <source>Filter by format</source>
        <translation>Filtrer par format</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Filtrer par tag</translation>
    </message>
    <message>
        <source>Filter by creation date</source>
        <translation>Filtrer par date de création</translation>
    </message>
    <message>
        <source>Filter by size</source>
        <translation>Filtrer par taille</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Show every asset of the folder or search again</source>
        <translation>Afficher à nouveau toutes les ressources du dossier ou de la recherche</translation>
    </message>
    <message>
        <source>Filters:</source>
        <translation>Filtres&#xa0;:</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>Vidéos</translation>
    </message>
    <message>
        <source>Other files</source>
        <translation>Autres fichiers</translation>
    </message>
    <message>
        <source>Nothing to filter here</source>
        <translation>Rien à filtrer ici</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1 (%L2)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Toutes les dates</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>24 dernières heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Plage personnalisée…</translation>
    </message>
    <message>
        <source>Any size</source>
        <translation>Toutes les tailles</translation>
    </message>
    <message>
        <source>Under 100 KB</source>
        <translation>Moins de 100 Ko</translation>
    </message>
    <message>
        <source>100 KB to 1 MB</source>
        <translation>De 100 Ko à 1 Mo</translation>
    </message>
    <message>
        <source>1 MB to 10 MB</source>
        <translation>De 1 Mo à 10 Mo</translation>
    </message>
    <message>
        <source>Over 10 MB</source>
        <translation>Plus de 10 Mo</translation>
    </message>
    <message>
        <source>Created Between</source>
        <translation>Créé entre</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;To (inclusive):</source>
        <translation>A&amp;u (inclus)&#xa0;:</translation>
    </message>
    <message>
        <source>Size Between</source>
        <translation>Taille entre</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Aucune limite</translation>
    </message>
    <message>
        <source>&amp;At least:</source>
        <translation>&amp;Au moins&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;t most:</source>
        <translation>Au &amp;plus&#xa0;:</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
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
        <translation>Création</translation>
    </message>
    <message>
        <source>Created: last 24 hours</source>
        <translation>Création&#xa0;: 24 dernières heures</translation>
    </message>
    <message>
        <source>Created: last 7 days</source>
        <translation>Création&#xa0;: 7 derniers jours</translation>
    </message>
    <message>
        <source>Created: last 30 days</source>
        <translation>Création&#xa0;: 30 derniers jours</translation>
    </message>
    <message>
        <source>Created: last 12 months</source>
        <translation>Création&#xa0;: 12 derniers mois</translation>
    </message>
    <message>
        <source>Created: %1 – %2</source>
        <translation>Création&#xa0;: %1 – %2</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Size: under 100 KB</source>
        <translation>Taille&#xa0;: moins de 100 Ko</translation>
    </message>
    <message>
        <source>Size: 100 KB to 1 MB</source>
        <translation>Taille&#xa0;: de 100 Ko à 1 Mo</translation>
    </message>
    <message>
        <source>Size: 1 MB to 10 MB</source>
        <translation>Taille&#xa0;: de 1 Mo à 10 Mo</translation>
    </message>
    <message>
        <source>Size: over 10 MB</source>
        <translation>Taille&#xa0;: plus de 10 Mo</translation>
    </message>
    <message>
        <source>Size: %1 to %2</source>
        <translation>Taille&#xa0;: de %1 à %2</translation>
    </message>
    <message>
        <source>Size: at least %1</source>
        <translation>Taille&#xa0;: au moins %1</translation>
    </message>
    <message>
        <source>Size: at most %1</source>
        <translation>Taille&#xa0;: au plus %1</translation>
    </message>
    <message>
        <source>Assets with</source>
        <translation>Ressources avec</translation>
    </message>
    <message>
        <source>All ticked tags</source>
        <translation>Tous les tags cochés</translation>
    </message>
    <message>
        <source>Any ticked tag</source>
        <translation>Au moins un tag coché</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Type&#xa0;: %1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Format&#xa0;: %1</translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation>Tag&#xa0;: %1</translation>
    </message>
    <message>
        <source>Tags (any)</source>
        <translation>Tags (au moins un)</translation>
    </message>
    <message>
        <source>Tags (all)</source>
        <translation>Tags (tous)</translation>
    </message>
    <message>
        <source>Filter by structured metadata</source>
        <translation>Filtrer par métadonnées structurées</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <source>%1 (withdrawn)</source>
        <translation>%1 (retiré)</translation>
    </message>
    <message>
        <source>No list fields in this environment</source>
        <translation>Aucun champ de liste dans cet environnement</translation>
    </message>
</context>
<context>
    <name>stratus::gui::FolderTreeModel</name>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n asset(s) here</source>
        <translation>
            <numerusform>%1&#xa0;: %n ressource ici</numerusform>
            <numerusform>%1&#xa0;: %n ressources ici</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in all, with the folders below</source>
        <translation>
            <numerusform>%n au total, avec les sous-dossiers</numerusform>
            <numerusform>%n au total, avec les sous-dossiers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::HelpWindow</name>
    <message>
        <source>Stratus User Guide</source>
        <translation>Guide de l’utilisateur de Stratus</translation>
    </message>
    <message>
        <source>The user guide is missing from this build of Stratus.</source>
        <translation>Le guide de l’utilisateur est absent de cette version de Stratus.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::InfoBar</name>
    <message>
        <source>Close this message; it will not be shown again</source>
        <translation>Fermer ce message&#xa0;; il ne s’affichera plus</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>stratus::gui::LogInDialog</name>
    <message>
        <source>&amp;Log In</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Log In to %1</source>
        <translation>Se connecter à %1</translation>
    </message>
    <message>
        <source>Enter the API secret of each product environment of “%1” again. Stratus tests them before it stores them in your keychain.</source>
        <translation>Saisissez à nouveau le secret d’API de chaque environnement de produit de «&#xa0;%1&#xa0;». Stratus les teste avant de les enregistrer dans votre trousseau de clés.</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>Secret d’API</translation>
    </message>
    <message>
        <source>%1 (cloud %2, key %3):</source>
        <translation>%1 (cloud %2, clé %3)&#xa0;:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <source>Provisioning secret (account %1):</source>
        <translation>Secret de provisionnement (compte %1)&#xa0;:</translation>
    </message>
    <message>
        <source>Enter the API secret of “%1”.</source>
        <translation>Saisissez le secret d’API de «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The test was cancelled. You are still logged out.</source>
        <translation>Le test a été annulé. Le compte reste déconnecté.</translation>
    </message>
    <message>
        <source>Saving the secrets in your keychain…</source>
        <translation>Enregistrement des secrets dans votre trousseau de clés…</translation>
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
        <translation>Téléversements&#xa0;: %1</translation>
    </message>
    <message>
        <source>Upload finished: %1</source>
        <translation>Téléversement terminé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The problem report is on the clipboard.</source>
        <translation>Le rapport de problème est dans le presse-papiers.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Plein écran</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Every command with its keys, searchable</source>
        <translation>Toutes les commandes avec leurs raccourcis, avec recherche</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>T&amp;hème</translation>
    </message>
    <message>
        <source>Save Download</source>
        <translation>Enregistrer le téléchargement</translation>
    </message>
    <message>
        <source>Upload from a &amp;URL, Camera or Cloud Storage…</source>
        <translation>Téléverser depuis une &amp;URL, la caméra ou un stockage cloud…</translation>
    </message>
    <message>
        <source>Cloudinary&apos;s Upload widget: files, a web address or the camera, into the folder shown</source>
        <translation>Le widget de téléversement de Cloudinary : des fichiers, une adresse web ou la caméra, dans le dossier affiché</translation>
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
        <translation>Transformation :</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL :</translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation>Copier l’&amp;URL</translation>
    </message>
    <message>
        <source>Copy &amp;Transformation</source>
        <translation>Copier la &amp;transformation</translation>
    </message>
    <message>
        <source>Open in Transformation &amp;Studio</source>
        <translation>Ouvrir dans le &amp;studio de transformation</translation>
    </message>
    <message>
        <source>&amp;Save as New Asset…</source>
        <translation>&amp;Enregistrer comme nouvel asset…</translation>
    </message>
    <message>
        <source>Trim %1</source>
        <translation>Couper %1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>The Media Editor could not start</source>
        <translation>Media Editor n’a pas pu démarrer</translation>
    </message>
    <message>
        <source>Export not received</source>
        <translation>Export non reçu</translation>
    </message>
    <message>
        <source>Stratus did not accept what the editor exported.</source>
        <translation>Stratus n’a pas accepté ce que l’éditeur a exporté.</translation>
    </message>
    <message>
        <source>Save as New Asset</source>
        <translation>Enregistrer comme nouvel asset</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>The edited picture becomes a new asset; the original stays as it is.</source>
        <translation>L’image modifiée devient un nouvel asset ; l’original reste tel quel.</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Dossier :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Enregistrement de « %1 »…</translation>
    </message>
    <message>
        <source>Saved as %1 in Home</source>
        <translation>Enregistré sous %1 dans Accueil</translation>
    </message>
    <message>
        <source>Saved as %1 in %2</source>
        <translation>Enregistré sous %1 dans %2</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exporté</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaLibraryInsertBar</name>
    <message>
        <source>Drag these assets into another application, or use the buttons.</source>
        <translation>Faites glisser ces assets dans une autre application, ou utilisez les boutons.</translation>
    </message>
    <message>
        <source>&amp;Copy URLs</source>
        <translation>&amp;Copier les URL</translation>
    </message>
    <message>
        <source>The delivery URLs, with the transformation you chose in the Media Library</source>
        <translation>Les URL de diffusion, avec la transformation choisie dans la Media Library</translation>
    </message>
    <message>
        <source>Show in &amp;Browser</source>
        <translation>Afficher dans le &amp;navigateur</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Télécharger…</translation>
    </message>
    <message>
        <source>Put these assets away</source>
        <translation>Ranger ces assets</translation>
    </message>
    <message>
        <source>%1 (transformed)</source>
        <translation>%1 (transformé)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>et %n autre</numerusform>
            <numerusform>et %n autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) to use in Stratus</source>
        <translation>
            <numerusform>%n asset à utiliser dans Stratus</numerusform>
            <numerusform>%n assets à utiliser dans Stratus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n URL(s)</source>
        <translation>
            <numerusform>%n URL copiée</numerusform>
            <numerusform>%n URL copiées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaLibraryView</name>
    <message>
        <source>The Media Library signs you in to Cloudinary&apos;s console. Give your console e-mail address for this account and Stratus signs you in automatically.</source>
        <translation>La Media Library vous connecte à la console Cloudinary. Indiquez votre adresse e-mail de console pour ce compte et Stratus vous connectera automatiquement.</translation>
    </message>
    <message>
        <source>Sign In &amp;Automatically…</source>
        <translation>Se connecter &amp;automatiquement…</translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) from the Media Library added to the catalogue</source>
        <translation>
            <numerusform>%n téléversement de la Media Library ajouté au catalogue</numerusform>
            <numerusform>%n téléversements de la Media Library ajoutés au catalogue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) in the Media Library could not be read: %1</source>
        <translation>
            <numerusform>%n téléversement de la Media Library n’a pas pu être lu : %1</numerusform>
            <numerusform>%n téléversements de la Media Library n’ont pas pu être lus : %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) deleted in the Media Library removed from the catalogue</source>
        <translation>
            <numerusform>%n asset supprimé dans la Media Library retiré du catalogue</numerusform>
            <numerusform>%n assets supprimés dans la Media Library retirés du catalogue</numerusform>
        </translation>
    </message>
    <message>
        <source>Media Library: signed in as %1</source>
        <translation>Media Library : connecté en tant que %1</translation>
    </message>
    <message>
        <source>&amp;Media Library</source>
        <translation>&amp;Media Library</translation>
    </message>
    <message>
        <source>Use in Stratus</source>
        <translation>Utiliser dans Stratus</translation>
    </message>
    <message>
        <source>Sign In Automatically</source>
        <translation>Connexion automatique</translation>
    </message>
    <message>
        <source>The e-mail address you sign in to Cloudinary&apos;s console with, for this account. Stratus signs the Media Library&apos;s sign-in with the account&apos;s API secret, which stays on this computer.</source>
        <translation>L’adresse e-mail avec laquelle vous vous connectez à la console Cloudinary pour ce compte. Stratus signe la connexion de la Media Library avec le secret d’API du compte, qui reste sur cet ordinateur.</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address Stratus can use.</source>
        <translation>« %1 » n’est pas une adresse e-mail que Stratus peut utiliser.</translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s) chosen in the Media Library</source>
        <translation>
            <numerusform>%n asset choisi dans la Media Library</numerusform>
            <numerusform>%n assets choisis dans la Media Library</numerusform>
        </translation>
    </message>
    <message>
        <source>These assets are not in the catalogue yet: %1</source>
        <translation>Ces assets ne sont pas encore dans le catalogue : %1</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MediaView</name>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Position (Shift+Left and Shift+Right jump 5 seconds)</source>
        <translation>Position (Maj+Gauche et Maj+Droite sautent de 5 secondes)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Couper le son</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Volume (Shift+Up and Shift+Down)</source>
        <translation>Volume (Maj+Haut et Maj+Bas)</translation>
    </message>
    <message>
        <source>Video and audio cannot be played on this system: Qt Multimedia has no media backend. Install the GStreamer plugins (gstreamer1.0-plugins-good, gstreamer1.0-libav).</source>
        <translation>La vidéo et l’audio ne peuvent pas être lus sur ce système&#xa0;: Qt Multimedia n’a aucun backend multimédia. Installez les plugins GStreamer (gstreamer1.0-plugins-good, gstreamer1.0-libav).</translation>
    </message>
    <message>
        <source>This media cannot be played: %1</source>
        <translation>Ce média ne peut pas être lu&#xa0;: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <source>This media cannot be played: its format is not supported here.</source>
        <translation>Ce média ne peut pas être lu&#xa0;: son format n’est pas pris en charge ici.</translation>
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
        <translation>Pause (Espace)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>Lire (Espace)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Mute (M)</source>
        <translation>Couper le son (M)</translation>
    </message>
    <message>
        <source>No sound output device was found; the media plays silently.</source>
        <translation>Aucun périphérique de sortie audio n’a été trouvé&#xa0;; le média est lu sans son.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MetadataEditor</name>
    <message>
        <source>This environment has no structured metadata fields.</source>
        <translation>Cet environnement n’a aucun champ de métadonnées structurées.</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Aucune date</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Remove the date</source>
        <translation>Effacer la date</translation>
    </message>
    <message>
        <source>Required: this field must have a value.</source>
        <translation>Obligatoire&#xa0;: ce champ doit avoir une valeur.</translation>
    </message>
    <message>
        <source>Mixed values</source>
        <translation>Valeurs différentes</translation>
    </message>
    <message>
        <source>A whole number from %1 to %2</source>
        <translation>Un nombre entier de %1 à %2</translation>
    </message>
    <message>
        <source>A whole number, %1 or more</source>
        <translation>Un nombre entier, %1 ou plus</translation>
    </message>
    <message>
        <source>A whole number, %1 or less</source>
        <translation>Un nombre entier, %1 ou moins</translation>
    </message>
    <message>
        <source>A whole number</source>
        <translation>Un nombre entier</translation>
    </message>
    <message numerus="yes">
        <source>Up to %n characters</source>
        <translation>
            <numerusform>Jusqu’à %n caractère</numerusform>
            <numerusform>Jusqu’à %n caractères</numerusform>
        </translation>
    </message>
    <message>
        <source>No value (default: %1)</source>
        <translation>Aucune valeur (par défaut&#xa0;: %1)</translation>
    </message>
    <message>
        <source>No value</source>
        <translation>Aucune valeur</translation>
    </message>
    <message>
        <source>%1 (withdrawn)</source>
        <translation>%1 (retiré)</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MetadataSection</name>
    <message>
        <source>Save Metadata</source>
        <translation>Enregistrer les métadonnées</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Correct the values marked in red first.</source>
        <translation>Corrigez d’abord les valeurs marquées en rouge.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message numerus="yes">
        <source>%n assets could not be saved: %1</source>
        <translation>
            <numerusform>%n ressource n’a pas pu être enregistrée&#xa0;: %1</numerusform>
            <numerusform>%n ressources n’ont pas pu être enregistrées&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MoveDialog</name>
    <message numerus="yes">
        <source>Move %n asset(s)</source>
        <translation>
            <numerusform>Déplacer %n ressource</numerusform>
            <numerusform>Déplacer %n ressources</numerusform>
        </translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>Warning: in fixed folder mode the folder is part of the public ID. Moving changes the public IDs, and delivery URLs with the old ones stop working.</source>
        <translation>Attention&#xa0;: en mode de dossiers fixes, le dossier fait partie du public ID. Le déplacement change les public ID, et les URL de diffusion avec les anciens public ID cessent de fonctionner.</translation>
    </message>
    <message>
        <source>The public IDs and delivery URLs stay the same.</source>
        <translation>Les public ID et les URL de diffusion restent les mêmes.</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Déplacer</translation>
    </message>
    <message>
        <source>Move &amp;to:</source>
        <translation>Déplacer &amp;vers&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Folder path:</source>
        <translation>&amp;Chemin du dossier&#xa0;:</translation>
    </message>
</context>
<context>
    <name>stratus::gui::OverviewView</name>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Vue d’ensemble</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>%1 · API key %2</source>
        <translation>%1 · clé d’API %2</translation>
    </message>
    <message>
        <source>%1 — an asset&apos;s folder and display name can change without changing its public ID</source>
        <translation>%1 — le dossier et le nom d’affichage d’une ressource peuvent changer sans que son public ID change</translation>
    </message>
    <message>
        <source>%1 — an asset&apos;s folder is the path of its public ID</source>
        <translation>%1 — le dossier d’une ressource est le chemin de son public ID</translation>
    </message>
    <message>
        <source>Cannot be opened: %1</source>
        <translation>Ne peut pas être ouvert&#xa0;: %1</translation>
    </message>
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
            <numerusform>%n vidéo</numerusform>
            <numerusform>%n vidéos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other file(s)</source>
        <translation>
            <numerusform>%n autre fichier</numerusform>
            <numerusform>%n autres fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n ressource</numerusform>
            <numerusform>%n ressources</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · %2 on this computer</source>
        <translation>%1 · %2 sur cet ordinateur</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Today at %1</source>
        <translation>Aujourd’hui à %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation>Bande passante</translation>
    </message>
    <message>
        <source>These credentials may not read the usage report.</source>
        <translation>Ces identifiants ne sont pas autorisés à lire le rapport d’utilisation.</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>Encore inconnu</translation>
    </message>
    <message>
        <source>None: these credentials may do everything Stratus needs.</source>
        <translation>Aucun&#xa0;: ces identifiants permettent tout ce dont Stratus a besoin.</translation>
    </message>
    <message>
        <source>%1 refused (“%2”); everything else keeps working.</source>
        <translation>%1 refusé («&#xa0;%2&#xa0;»)&#xa0;; tout le reste continue de fonctionner.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>%1 of %2 credits</source>
        <translation>%1 crédits sur %2</translation>
    </message>
    <message>
        <source>%1 · %2 credits</source>
        <translation>%1 · %2 crédits</translation>
    </message>
    <message>
        <source>Transformations</source>
        <translation>Transformations</translation>
    </message>
    <message>
        <source>%1 of %2 calls left this hour</source>
        <translation>%1 appels restants sur %2 pour cette heure</translation>
    </message>
    <message>
        <source>%1 · new hour at %2</source>
        <translation>%1 · nouvelle heure à %2</translation>
    </message>
    <message>
        <source>Admin API calls</source>
        <translation>Appels à l’Admin API</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <source>video</source>
        <translation>vidéo</translation>
    </message>
    <message>
        <source>other file</source>
        <translation>autre fichier</translation>
    </message>
    <message>
        <source>Largest upload: %1</source>
        <translation>Taille maximale de téléversement&#xa0;: %1</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Forfait</translation>
    </message>
    <message>
        <source>%1 plan</source>
        <translation>Forfait %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n asset(s)</source>
        <translation>
            <numerusform>%1 · %n ressource</numerusform>
            <numerusform>%1 · %n ressources</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::PathBar</name>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Folders above these</source>
        <translation>Dossiers parents</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>The open folder</source>
        <translation>Le dossier ouvert</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <source>Open this folder</source>
        <translation>Ouvrir ce dossier</translation>
    </message>
</context>
<context>
    <name>stratus::gui::PreviewDialog</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Asset preview</source>
        <translation>Aperçu de la ressource</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Left and Right go to the previous and next asset; Space or Esc closes</source>
        <translation>Les flèches gauche et droite passent à la ressource précédente ou suivante&#xa0;; Espace ou Échap ferme l’aperçu</translation>
    </message>
    <message>
        <source>The picture could not be loaded.</source>
        <translation>L’image n’a pas pu être chargée.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Not in the catalogue</source>
        <translation>Absente du catalogue</translation>
    </message>
    <message>
        <source>Preview — %1</source>
        <translation>Aperçu — %1</translation>
    </message>
    <message>
        <source>Video %1</source>
        <translation>Vidéo %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Page précédente (Pg préc)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Page suivante (Pg suiv)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit the picture in the window (0)</source>
        <translation>Ajuster l’image à la fenêtre (0)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>Actual size: one pixel of the picture on one of the screen (1)</source>
        <translation>Taille réelle&#xa0;: un pixel de l’image pour un pixel de l’écran (1)</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>Zoom arrière (−)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Zoom avant (+)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>The mouse wheel zooms; drag or use the arrow keys to look around</source>
        <translation>La molette de la souris zoome&#xa0;; faites glisser ou utilisez les flèches pour vous déplacer</translation>
    </message>
    <message>
        <source>Loading page %1…</source>
        <translation>Chargement de la page %1…</translation>
    </message>
    <message>
        <source>This asset is no longer in the catalogue.</source>
        <translation>Cette ressource n’est plus dans le catalogue.</translation>
    </message>
    <message>
        <source>Left and Right go to the previous and next asset; Space plays or pauses; Esc closes</source>
        <translation>Les flèches gauche et droite passent à la ressource précédente ou suivante&#xa0;; Espace lit ou met en pause&#xa0;; Échap ferme l’aperçu</translation>
    </message>
    <message>
        <source>Audio %1</source>
        <translation>Audio %1</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Page %1 could not be loaded.</source>
        <translation>La page %1 n’a pas pu être chargée.</translation>
    </message>
    <message>
        <source>No link to play.</source>
        <translation>Aucun lien à lire.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>zoom percentage</comment>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>stratus::gui::PreviewWindow</name>
    <message>
        <source>Video Player</source>
        <translation>Lecteur vidéo</translation>
    </message>
    <message>
        <source>Product Gallery</source>
        <translation>Product Gallery</translation>
    </message>
    <message>
        <source>Video Player: %1</source>
        <translation>Lecteur vidéo : %1</translation>
    </message>
    <message numerus="yes">
        <source>Product Gallery: %n asset(s)</source>
        <translation>
            <numerusform>Product Gallery : %n asset</numerusform>
            <numerusform>Product Gallery : %n assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::gui::ProvisioningPage</name>
    <message>
        <source>This is not an account URL: %1</source>
        <translation>Ceci n’est pas une URL de compte&#xa0;: %1</translation>
    </message>
    <message>
        <source>The account URL has no provisioning secret (account://KEY:SECRET@ACCOUNT_ID).</source>
        <translation>L’URL du compte ne contient pas de secret de provisionnement (account://KEY:SECRET@ACCOUNT_ID).</translation>
    </message>
    <message>
        <source>Enter the account URL, or the account ID, provisioning key and provisioning secret.</source>
        <translation>Saisissez l’URL du compte, ou l’ID du compte, la clé de provisionnement et le secret de provisionnement.</translation>
    </message>
    <message>
        <source>The account ID or key is not valid: %1</source>
        <translation>L’ID du compte ou la clé n’est pas valide&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Asking Cloudinary for the account’s product environments…</source>
        <translation>Récupération des environnements de produit du compte auprès de Cloudinary…</translation>
    </message>
    <message>
        <source>This product environment is disabled in the account.</source>
        <translation>Cet environnement de produit est désactivé dans le compte.</translation>
    </message>
    <message>
        <source>Stratus knows this cloud already.</source>
        <translation>Stratus connaît déjà ce cloud.</translation>
    </message>
    <message>
        <source>(enter below)</source>
        <translation>(à saisir ci-dessous)</translation>
    </message>
    <message>
        <source>from the account</source>
        <translation>fourni par le compte</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <source>API key of %1</source>
        <translation>Clé d’API de %1</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>Secret d’API</translation>
    </message>
    <message>
        <source>API secret of %1</source>
        <translation>Secret d’API de %1</translation>
    </message>
    <message>
        <source>The account has no product environments.</source>
        <translation>Le compte n’a aucun environnement de produit.</translation>
    </message>
    <message>
        <source>Tick the product environments to add. You can rename them (F2) before adding.</source>
        <translation>Cochez les environnements de produit à ajouter. Vous pouvez les renommer (F2) avant de les ajouter.</translation>
    </message>
    <message>
        <source>Enter the account’s provisioning credentials and choose “Find Environments”.</source>
        <translation>Saisissez les identifiants de provisionnement du compte, puis choisissez «&#xa0;Rechercher les environnements&#xa0;».</translation>
    </message>
    <message>
        <source>Give the environment of “%1” a name.</source>
        <translation>Donnez un nom à l’environnement de «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>An environment named “%1” exists already; rename it in the list (F2).</source>
        <translation>Un environnement nommé «&#xa0;%1&#xa0;» existe déjà&#xa0;; renommez-le dans la liste (F2).</translation>
    </message>
    <message>
        <source>Enter the API key and secret of “%1”.</source>
        <translation>Saisissez la clé d’API et le secret d’API de «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Tick at least one product environment.</source>
        <translation>Cochez au moins un environnement de produit.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ProxyPassword</name>
    <message>
        <source>Proxy Sign-In</source>
        <translation>Connexion au proxy</translation>
    </message>
    <message>
        <source>The proxy %1:%2 needs a user name and password. Stratus keeps the password in your keychain.</source>
        <translation>Le proxy %1:%2 demande un nom d’utilisateur et un mot de passe. Stratus conserve le mot de passe dans votre trousseau de clés.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom d’&amp;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
</context>
<context>
    <name>stratus::gui::RenameDialog</name>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>Nom d’&amp;affichage&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Only the display name changes: the public ID “%1” and its delivery URLs stay the same.</source>
        <translation>Seul le nom d’affichage change&#xa0;: le public ID «&#xa0;%1&#xa0;» et ses URL de diffusion restent les mêmes.</translation>
    </message>
    <message>
        <source>Warning: the public ID changes from “%1” to “%2”. Delivery URLs with the old public ID stop working, wherever they are used (web pages, apps, e-mails).</source>
        <translation>Attention&#xa0;: le public ID passe de «&#xa0;%1&#xa0;» à «&#xa0;%2&#xa0;». Les URL de diffusion avec l’ancien public ID cessent de fonctionner, où qu’elles soient utilisées (pages web, applications, e-mails).</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ReportProblemDialog</name>
    <message>
        <source>Report a Problem</source>
        <translation>Signaler un problème</translation>
    </message>
    <message>
        <source>The information below is on the clipboard. Paste it into an e-mail to %1, or into a new issue at %2, and say what you did, what you expected and what happened instead. It holds no password, API secret or signed URL.</source>
        <translation>Les informations ci-dessous sont dans le presse-papiers. Collez-les dans un e-mail à %1, ou dans un nouveau ticket sur %2, et indiquez ce que vous avez fait, ce que vous attendiez et ce qui s’est passé à la place. Elles ne contiennent ni mot de passe, ni secret d’API, ni URL signée.</translation>
    </message>
    <message>
        <source>Write &amp;E-mail</source>
        <translation>Écrire un &amp;e-mail</translation>
    </message>
    <message>
        <source>Open &amp;Issue Tracker</source>
        <translation>Ouvrir le &amp;suivi des tickets</translation>
    </message>
    <message>
        <source>&amp;Copy Again</source>
        <translation>&amp;Copier à nouveau</translation>
    </message>
    <message>
        <source>Problem with Stratus</source>
        <translation>Problème avec Stratus</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ScopeBar</name>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Partout</translation>
    </message>
    <message>
        <source>Look in every folder of the environment</source>
        <translation>Chercher dans tous les dossiers de l’environnement</translation>
    </message>
    <message>
        <source>Look only among the assets of the open folder</source>
        <translation>Chercher uniquement parmi les ressources du dossier ouvert</translation>
    </message>
    <message>
        <source>Assets with all ticked tags</source>
        <translation>Ressources avec tous les tags cochés</translation>
    </message>
    <message>
        <source>Assets with any ticked tag</source>
        <translation>Ressources avec au moins un tag coché</translation>
    </message>
    <message>
        <source>Whether an asset needs every ticked tag or one of them</source>
        <translation>Si une ressource doit avoir tous les tags cochés ou un seul d’entre eux</translation>
    </message>
    <message>
        <source>Search in:</source>
        <translation>Rechercher dans&#xa0;:</translation>
    </message>
    <message>
        <source>Filter in:</source>
        <translation>Filtrer dans&#xa0;:</translation>
    </message>
    <message>
        <source>This folder (%1)</source>
        <translation>Ce dossier (%1)</translation>
    </message>
    <message>
        <source>Only this folder</source>
        <translation>Uniquement ce dossier</translation>
    </message>
    <message>
        <source>%1  ✕</source>
        <translation>%1  ✕</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Retirer ce filtre</translation>
    </message>
    <message>
        <source>Remove filter %1</source>
        <translation>Retirer le filtre %1</translation>
    </message>
    <message>
        <source>Any of the tags</source>
        <translation>L’un des tags</translation>
    </message>
    <message>
        <source>All of the tags</source>
        <translation>Tous les tags</translation>
    </message>
    <message>
        <source>Tags to match: %1</source>
        <translation>Correspondance des tags&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SecretPrompt</name>
    <message>
        <source>Re-enter API Secret</source>
        <translation>Saisir à nouveau le secret d’API</translation>
    </message>
    <message>
        <source>The API secret of “%1” (Cloudinary Console, Settings → API Keys):</source>
        <translation>Le secret d’API de «&#xa0;%1&#xa0;» (console Cloudinary, Settings → API Keys)&#xa0;:</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
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
        <translation>La nouvelle langue sera utilisée après le redémarrage de Stratus.</translation>
    </message>
    <message>
        <source>Stratus uses a new language after a restart.</source>
        <translation>Une nouvelle langue s’applique au prochain redémarrage de Stratus.</translation>
    </message>
    <message>
        <source>Enter the proxy’s host name, or choose “System default” or “No proxy”.</source>
        <translation>Saisissez le nom d’hôte du proxy, ou choisissez «&#xa0;Paramètres du système&#xa0;» ou «&#xa0;Aucun proxy&#xa0;».</translation>
    </message>
    <message>
        <source>Same as the desktop</source>
        <translation>Identique au bureau</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Saving the password in your keychain…</source>
        <translation>Enregistrement du mot de passe dans votre trousseau de clés…</translation>
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
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Search commands and keys</source>
        <translation>Rechercher des commandes et des touches</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>In the asset views</source>
        <translation>Dans les vues des ressources</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SignInDialog</name>
    <message>
        <source>Sign In to %1</source>
        <translation>Se connecter à %1</translation>
    </message>
    <message>
        <source>Sign in to Cloudinary again for “%1”: your web browser opens, and Stratus gets new access once you allow it there.</source>
        <translation>Reconnectez-vous à Cloudinary pour «&#xa0;%1&#xa0;»&#xa0;: votre navigateur web s’ouvre, et Stratus obtient un nouvel accès dès que vous l’y autorisez.</translation>
    </message>
    <message>
        <source>You signed in for the product environment “%1”, but this is “%2”. Sign in as someone who may use “%2”, and choose it in the browser.</source>
        <translation>Vous vous êtes connecté pour l’environnement de produit «&#xa0;%1&#xa0;», mais celui-ci est «&#xa0;%2&#xa0;». Connectez-vous avec un utilisateur autorisé à utiliser «&#xa0;%2&#xa0;», et choisissez-le dans le navigateur.</translation>
    </message>
    <message>
        <source>Saving the sign-in in your keychain…</source>
        <translation>Enregistrement de la connexion dans votre trousseau de clés…</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SignInPage</name>
    <message>
        <source>Your web browser opens, you sign in to Cloudinary there, and Stratus adds the product environment you allow it to use. No API keys needed: this works also when your role cannot see them.</source>
        <translation>Votre navigateur web s’ouvre, vous vous y connectez à Cloudinary, et Stratus ajoute l’environnement de produit que vous l’autorisez à utiliser. Aucune clé d’API n’est nécessaire&#xa0;: cela fonctionne aussi lorsque votre rôle ne permet pas de les voir.</translation>
    </message>
    <message>
        <source>Sign In with Cloudinary…</source>
        <translation>Se connecter avec Cloudinary…</translation>
    </message>
    <message>
        <source>This build of Stratus has no client ID for Cloudinary’s sign-in, and it borrows no other application’s. Add the product environment with its API key instead.</source>
        <translation>Cette version de Stratus n’a pas d’identifiant client pour la connexion à Cloudinary, et elle n’emprunte pas celui d’une autre application. Ajoutez plutôt l’environnement de produit avec sa clé d’API.</translation>
    </message>
    <message>
        <source>Use &amp;API Keys</source>
        <translation>Utiliser des clés d’&amp;API</translation>
    </message>
    <message>
        <source>To try it out first: the Local sandbox on this computer has a sign-in of its own. Its login page shows the password.</source>
        <translation>Pour essayer d’abord&#xa0;: le bac à sable local sur cet ordinateur a sa propre connexion. Sa page de connexion affiche le mot de passe.</translation>
    </message>
    <message>
        <source>Sign In to the &amp;Local Sandbox…</source>
        <translation>Se connecter au bac à sable &amp;local…</translation>
    </message>
    <message>
        <source>Waiting for your browser…</source>
        <translation>En attente de votre navigateur…</translation>
    </message>
    <message>
        <source>Sign in to Cloudinary in your web browser and allow Stratus in. Stratus goes on by itself once you have.</source>
        <translation>Connectez-vous à Cloudinary dans votre navigateur web et autorisez l’accès à Stratus. Stratus continue de lui-même une fois que c’est fait.</translation>
    </message>
    <message>
        <source>No browser opened? Open this &amp;link in one:</source>
        <translation>Aucun navigateur ne s’est ouvert&#xa0;? Ouvrez ce &amp;lien dans un navigateur&#xa0;:</translation>
    </message>
    <message>
        <source>Sign-in link</source>
        <translation>Lien de connexion</translation>
    </message>
    <message>
        <source>&amp;Copy Link</source>
        <translation>&amp;Copier le lien</translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation>Le lien est dans le presse-papiers.</translation>
    </message>
    <message>
        <source>&amp;Open Browser Again</source>
        <translation>&amp;Rouvrir le navigateur</translation>
    </message>
    <message>
        <source>Cancel Sign-In</source>
        <translation>Annuler la connexion</translation>
    </message>
    <message>
        <source>Finishing sign-in…</source>
        <translation>Finalisation de la connexion…</translation>
    </message>
    <message>
        <source>Signing in did not work</source>
        <translation>La connexion a échoué</translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Sign in with Cloudinary is not available in this build</source>
        <translation>La connexion avec Cloudinary n’est pas disponible dans cette version</translation>
    </message>
    <message>
        <source>You are signed in</source>
        <translation>Vous êtes connecté</translation>
    </message>
    <message>
        <source>Stratus has what it needs. Close this tab and go back to Stratus.</source>
        <translation>Stratus a ce qu’il lui faut. Fermez cet onglet et revenez à Stratus.</translation>
    </message>
    <message>
        <source>Go back to Stratus: it says what went wrong and lets you try again.</source>
        <translation>Revenez à Stratus&#xa0;: il indique ce qui s’est mal passé et vous permet de réessayer.</translation>
    </message>
    <message>
        <source>No web browser could be started. Copy the link and open it in one.</source>
        <translation>Aucun navigateur web n’a pu être lancé. Copiez le lien et ouvrez-le dans un navigateur.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::SignedUrlLimits</name>
    <message>
        <source>This environment is signed in with Cloudinary: private and authenticated files cannot be previewed or linked here, because signed URLs need the API secret.</source>
        <translation>Cet environnement est connecté avec Cloudinary&#xa0;: les fichiers privés et authentifiés ne peuvent ici être ni prévisualisés ni partagés par lien, car les URL signées exigent le secret d’API.</translation>
    </message>
    <message>
        <source>No preview: this environment is signed in with Cloudinary, and a private or authenticated file’s signed URL needs the API secret.</source>
        <translation>Pas d’aperçu&#xa0;: cet environnement est connecté avec Cloudinary, et l’URL signée d’un fichier privé ou authentifié exige le secret d’API.</translation>
    </message>
    <message>
        <source>Private and authenticated files cannot be linked here: this environment is signed in with Cloudinary, and signed URLs need the API secret.</source>
        <translation>Les fichiers privés et authentifiés ne peuvent pas être partagés par lien ici&#xa0;: cet environnement est connecté avec Cloudinary, et les URL signées exigent le secret d’API.</translation>
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
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy the snippet shown, to paste into a web page</source>
        <translation>Copier l’extrait affiché, à coller dans une page web</translation>
    </message>
    <message>
        <source>Embed on a web page</source>
        <translation>Intégrer dans une page web</translation>
    </message>
</context>
<context>
    <name>stratus::gui::TagsDialog</name>
    <message numerus="yes">
        <source>Edit tags of %n asset(s)</source>
        <translation>
            <numerusform>Modifier les tags de %n ressource</numerusform>
            <numerusform>Modifier les tags de %n ressources</numerusform>
        </translation>
    </message>
    <message>
        <source>tag, another tag</source>
        <translation>tag, autre tag</translation>
    </message>
    <message>
        <source>The selected assets share no tag.</source>
        <translation>Les ressources sélectionnées n’ont aucun tag en commun.</translation>
    </message>
    <message>
        <source>Every selected asset has: %1</source>
        <translation>Toutes les ressources sélectionnées ont&#xa0;: %1</translation>
    </message>
    <message>
        <source>Separate tags with commas. Tags are changed on Cloudinary at once.</source>
        <translation>Séparez les tags par des virgules. Les tags sont modifiés immédiatement sur Cloudinary.</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>A&amp;ppliquer</translation>
    </message>
    <message>
        <source>&amp;Add tags:</source>
        <translation>&amp;Ajouter des tags&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Remove tags:</source>
        <translation>&amp;Retirer des tags&#xa0;:</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ThemeController</name>
    <message>
        <source>&amp;Same as the Desktop</source>
        <translation>&amp;Identique au bureau</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Sombre</translation>
    </message>
</context>
<context>
    <name>stratus::gui::ThumbnailDelegate</name>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadController</name>
    <message>
        <source>Already Uploaded</source>
        <translation>Déjà téléversé</translation>
    </message>
    <message>
        <source>“%1” is already in this environment as %2.</source>
        <translation>«&#xa0;%1&#xa0;» est déjà dans cet environnement en tant que %2.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>What should happen to it, and to any other file of this upload that is already there?</source>
        <translation>Que faire de ce fichier et de tout autre fichier de ce téléversement déjà présent&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>&amp;Ignorer</translation>
    </message>
    <message>
        <source>&amp;Upload Anyway</source>
        <translation>&amp;Téléverser quand même</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Remplacer</translation>
    </message>
    <message>
        <source>Upload it as a new asset; both stay</source>
        <translation>Le téléverser comme nouvelle ressource&#xa0;; les deux sont conservées</translation>
    </message>
    <message>
        <source>Upload it over the existing asset (same public ID and URL)</source>
        <translation>Remplacer la ressource existante (même public ID et même URL)</translation>
    </message>
    <message>
        <source>Cannot Upload</source>
        <translation>Téléversement impossible</translation>
    </message>
    <message>
        <source>Open an environment first: files are uploaded to the environment shown.</source>
        <translation>Ouvrez d’abord un environnement&#xa0;: les fichiers sont téléversés dans l’environnement affiché.</translation>
    </message>
    <message>
        <source>Cannot Upload Now</source>
        <translation>Téléversement impossible pour le moment</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>The upload queue could not be started: %1</source>
        <translation>La file de téléversement n’a pas pu démarrer&#xa0;: %1</translation>
    </message>
    <message>
        <source>The files could not be queued: %1</source>
        <translation>Les fichiers n’ont pas pu être mis en file d’attente&#xa0;: %1</translation>
    </message>
    <message>
        <source>Upload Files</source>
        <translation>Téléverser des fichiers</translation>
    </message>
    <message>
        <source>Upload Folder</source>
        <translation>Téléverser un dossier</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) uploaded</source>
        <translation>
            <numerusform>%n fichier téléversé</numerusform>
            <numerusform>%n fichiers téléversés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there</source>
        <translation>
            <numerusform>%n déjà présent</numerusform>
            <numerusform>%n déjà présents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n annulé</numerusform>
            <numerusform>%n annulés</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload finished with errors</source>
        <translation>Téléversement terminé avec des erreurs</translation>
    </message>
    <message>
        <source>Upload finished</source>
        <translation>Téléversement terminé</translation>
    </message>
    <message>
        <source>Options for Dropped and Pasted Files</source>
        <translation>Options des fichiers déposés et collés</translation>
    </message>
    <message>
        <source>Nothing to Upload</source>
        <translation>Rien à téléverser</translation>
    </message>
    <message>
        <source>There is no file to upload: what was chosen is empty, or holds only hidden files and links to folders, which are left out.</source>
        <translation>Aucun fichier à téléverser&#xa0;: la sélection est vide ou ne contient que des fichiers cachés et des liens vers des dossiers, qui sont ignorés.</translation>
    </message>
    <message>
        <source>“%1” refuses Stratus&apos;s credentials (%2). Fix them in Accounts; nothing was queued.</source>
        <translation>«&#xa0;%1&#xa0;» refuse les identifiants de Stratus (%2). Corrigez-les dans Comptes&#xa0;; rien n’a été mis en file d’attente.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>… et %n autre.</numerusform>
            <numerusform>… et %n autres.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too Large to Upload</source>
        <translation>Trop volumineux pour être téléversé</translation>
    </message>
    <message>
        <source>Upload “%1”</source>
        <translation>Téléverser «&#xa0;%1&#xa0;»</translation>
    </message>
    <message numerus="yes">
        <source>Upload %n Item(s)</source>
        <translation>
            <numerusform>Téléverser %n élément</numerusform>
            <numerusform>Téléverser %n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Téléverser</translation>
    </message>
    <message>
        <source>Open an environment first: the Upload widget uploads into the folder it shows.</source>
        <translation>Ouvrez d’abord un environnement : le widget de téléversement envoie dans le dossier qu’il affiche.</translation>
    </message>
    <message>
        <source>The Upload widget is not available in this window.</source>
        <translation>Le widget de téléversement n’est pas disponible dans cette fenêtre.</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadDock</name>
    <message>
        <source>Files being uploaded</source>
        <translation>Fichiers en cours de téléversement</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Mettre en &amp;pause</translation>
    </message>
    <message>
        <source>Pause the selected files (Space)</source>
        <translation>Mettre en pause les fichiers sélectionnés (Espace)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Resume the selected files (Space)</source>
        <translation>Reprendre les fichiers sélectionnés (Espace)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Stop uploading the selected files (Delete)</source>
        <translation>Arrêter le téléversement des fichiers sélectionnés (Suppr)</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Réessa&amp;yer</translation>
    </message>
    <message>
        <source>Try the selected files again (Ctrl+R)</source>
        <translation>Réessayer les fichiers sélectionnés (Ctrl+R)</translation>
    </message>
    <message>
        <source>Pause All</source>
        <translation>Tout mettre en pause</translation>
    </message>
    <message>
        <source>Pause every file</source>
        <translation>Mettre en pause tous les fichiers</translation>
    </message>
    <message>
        <source>Resume All</source>
        <translation>Tout reprendre</translation>
    </message>
    <message>
        <source>Resume every paused file</source>
        <translation>Reprendre tous les fichiers en pause</translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation>Tout annuler</translation>
    </message>
    <message>
        <source>Stop every file that is not uploaded yet</source>
        <translation>Arrêter tous les fichiers pas encore téléversés</translation>
    </message>
    <message>
        <source>Retry Failed</source>
        <translation>Réessayer les échecs</translation>
    </message>
    <message>
        <source>Try every failed file again</source>
        <translation>Réessayer tous les fichiers en échec</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Retirer les terminés</translation>
    </message>
    <message>
        <source>Remove uploaded, skipped and cancelled files from the list</source>
        <translation>Retirer de la liste les fichiers téléversés, ignorés et annulés</translation>
    </message>
    <message>
        <source>Pause or Resume</source>
        <translation>Mettre en pause ou reprendre</translation>
    </message>
    <message numerus="yes">
        <source>%1%, %2 of %n file(s)</source>
        <translation>
            <numerusform>%1&#xa0;%, %2 sur %n fichier</numerusform>
            <numerusform>%1&#xa0;%, %2 sur %n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2/s</source>
        <translation>%1, %2/s</translation>
    </message>
    <message>
        <source>%1, paused</source>
        <translation>%1, en pause</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed</source>
        <translation>
            <numerusform>%1, %n en échec</numerusform>
            <numerusform>%1, %n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) uploaded</source>
        <translation>
            <numerusform>%n fichier téléversé</numerusform>
            <numerusform>%n fichiers téléversés</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Options…</source>
        <translation>&amp;Options…</translation>
    </message>
    <message>
        <source>Tags, upload preset and public IDs for dropped and pasted files</source>
        <translation>Tags, préréglage de téléversement et public ID des fichiers déposés et collés</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>&amp;Uploads</source>
        <translation>&amp;Téléversements</translation>
    </message>
    <message>
        <source>&amp;Downloads</source>
        <translation>Télé&amp;chargements</translation>
    </message>
    <message>
        <source>%1, waiting for connection</source>
        <translation>%1, en attente de connexion</translation>
    </message>
    <message>
        <source>Transfers — %1</source>
        <translation>Transferts — %1</translation>
    </message>
    <message>
        <source>Keep &amp;Open</source>
        <translation>&amp;Garder ouvert</translation>
    </message>
    <message>
        <source>Keep the Transfers panel open when nothing is transferred; otherwise it closes once the transfers are done</source>
        <translation>Garder le panneau «&#xa0;Transferts&#xa0;» ouvert quand rien n’est transféré&#xa0;; sinon, il se ferme une fois les transferts terminés</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadListModel</name>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
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
        <translation>En attente</translation>
    </message>
    <message>
        <source>Checking for duplicates</source>
        <translation>Recherche de doublons</translation>
    </message>
    <message>
        <source>Already uploaded — waiting for your answer</source>
        <translation>Déjà téléversé — en attente de votre réponse</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Téléversement</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Téléversé</translation>
    </message>
    <message>
        <source>Skipped: already uploaded</source>
        <translation>Ignoré&#xa0;: déjà téléversé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Retrying in %1 (attempt %2): %3</source>
        <translation>Nouvelle tentative dans %1 (tentative %2)&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>To folder</source>
        <translation>Dossier cible</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Already uploaded as %1</source>
        <translation>Déjà téléversé sous %1</translation>
    </message>
    <message>
        <source>Waiting for connection</source>
        <translation>En attente de connexion</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadOptionsDialog</name>
    <message>
        <source>Upload Options</source>
        <translation>Options de téléversement</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>The folder the files go to; the sub-folders of an uploaded folder go below it</source>
        <translation>Le dossier où vont les fichiers ; les sous-dossiers d’un dossier téléversé vont dessous</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Dossier :</translation>
    </message>
    <message>
        <source>e.g. holiday, 2026</source>
        <translation>p. ex. vacances, 2026</translation>
    </message>
    <message>
        <source>Tags for every file, separated by commas</source>
        <translation>Tags pour chaque fichier, séparés par des virgules</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags :</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>An upload preset of this environment: its settings apply to every file</source>
        <translation>Un préréglage de téléversement de cet environnement : ses réglages s’appliquent à chaque fichier</translation>
    </message>
    <message>
        <source>Upload &amp;preset:</source>
        <translation>&amp;Préréglage :</translation>
    </message>
    <message>
        <source>File name with a random &amp;suffix (never replaces anything)</source>
        <translation>Nom du fichier avec un &amp;suffixe aléatoire (ne remplace jamais rien)</translation>
    </message>
    <message>
        <source>File name &amp;exactly (replaces an asset of the same name)</source>
        <translation>Nom du fichier &amp;exact (remplace une ressource du même nom)</translation>
    </message>
    <message>
        <source>&amp;Random public ID</source>
        <translation>Public ID &amp;aléatoire</translation>
    </message>
    <message>
        <source>Public IDs:</source>
        <translation>Public ID :</translation>
    </message>
    <message>
        <source>Presets cannot be listed now: %1</source>
        <translation>Les préréglages ne peuvent pas être listés maintenant : %1</translation>
    </message>
    <message>
        <source>Listing the presets…</source>
        <translation>Liste des préréglages…</translation>
    </message>
    <message>
        <source>Presets cannot be listed: %1</source>
        <translation>Les préréglages ne peuvent pas être listés : %1</translation>
    </message>
    <message>
        <source>%1 (unsigned)</source>
        <translation>%1 (non signé)</translation>
    </message>
    <message>
        <source>This environment has no upload presets.</source>
        <translation>Cet environnement n’a aucun préréglage de téléversement.</translation>
    </message>
    <message>
        <source>Structured metadata</source>
        <translation>Métadonnées structurées</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UploadWidgetWindow</name>
    <message>
        <source>Upload</source>
        <translation>Téléverser</translation>
    </message>
    <message>
        <source>Stratus refused to sign an upload that was not the one you chose. Nothing was uploaded.</source>
        <translation>Stratus a refusé de signer un téléversement qui n’était pas celui que vous avez choisi. Rien n’a été téléversé.</translation>
    </message>
    <message>
        <source>The Upload widget reported a problem: %1</source>
        <translation>Le widget de téléversement signale un problème : %1</translation>
    </message>
    <message>
        <source>Upload Preset</source>
        <translation>Préréglage de téléversement</translation>
    </message>
    <message>
        <source>This environment is signed in with Cloudinary, so the Upload widget uploads through an unsigned upload preset. Which one?</source>
        <translation>Cet environnement est connecté avec Cloudinary : le widget de téléversement passe donc par un préréglage de téléversement non signé. Lequel ?</translation>
    </message>
    <message>
        <source>The Upload widget cannot be opened: %1</source>
        <translation>Le widget de téléversement ne peut pas être ouvert : %1</translation>
    </message>
    <message>
        <source>The Upload widget needs the environment&apos;s API secret or a sign-in with Cloudinary.</source>
        <translation>Le widget de téléversement a besoin du secret d’API de l’environnement ou d’une connexion avec Cloudinary.</translation>
    </message>
    <message>
        <source>Listing the environment&apos;s upload presets…</source>
        <translation>Liste des préréglages de téléversement de l’environnement…</translation>
    </message>
    <message>
        <source>Stratus could not list this environment&apos;s upload presets: %1</source>
        <translation>Stratus n’a pas pu lister les préréglages de téléversement de cet environnement : %1</translation>
    </message>
    <message>
        <source>No Unsigned Upload Preset</source>
        <translation>Aucun préréglage de téléversement non signé</translation>
    </message>
    <message>
        <source>This environment is signed in with Cloudinary, and then the Upload widget can only upload through an unsigned upload preset — this environment has none. An administrator can add one in the Cloudinary Console (Settings → Upload → Upload presets, signing mode &quot;Unsigned&quot;). Until then, Stratus&apos;s own Upload button uploads files here as usual.</source>
        <translation>Cet environnement est connecté avec Cloudinary ; le widget de téléversement ne peut alors téléverser que par un préréglage non signé, et cet environnement n’en a aucun. Un administrateur peut en ajouter un dans la console Cloudinary (Settings → Upload → Upload presets, mode de signature « Unsigned »). En attendant, le bouton Téléverser de Stratus envoie les fichiers ici comme d’habitude.</translation>
    </message>
    <message>
        <source>The Upload widget could not start</source>
        <translation>Le widget de téléversement n’a pas pu démarrer</translation>
    </message>
    <message>
        <source>Uploaded %1</source>
        <translation>%1 téléversé</translation>
    </message>
    <message>
        <source>Upload to Home</source>
        <translation>Téléverser dans Accueil</translation>
    </message>
    <message>
        <source>Upload to %1</source>
        <translation>Téléverser dans %1</translation>
    </message>
</context>
<context>
    <name>stratus::gui::UsageMeter</name>
    <message>
        <source>Near the limit: %1 % used</source>
        <translation>Proche de la limite&#xa0;: %1&#xa0;% utilisés</translation>
    </message>
    <message>
        <source>%1, %2 % used, near the limit</source>
        <translation>%1, %2&#xa0;% utilisés, proche de la limite</translation>
    </message>
    <message>
        <source>%1, %2 % used</source>
        <translation>%1, %2&#xa0;% utilisés</translation>
    </message>
</context>
<context>
    <name>stratus::gui::WelcomePage</name>
    <message>
        <source>Welcome to Stratus</source>
        <translation>Bienvenue dans Stratus</translation>
    </message>
    <message>
        <source>Stratus is a fast desktop home for the images, videos and files you keep in Cloudinary: browse, search, upload and transform them across all your accounts and product environments.</source>
        <translation>Stratus est un espace de bureau rapide pour les images, vidéos et fichiers que vous conservez dans Cloudinary&#xa0;: parcourez, recherchez, téléversez et transformez-les dans tous vos comptes et environnements de produit.</translation>
    </message>
    <message>
        <source>No product environment</source>
        <translation>Aucun environnement de produit</translation>
    </message>
</context>
<context>
    <name>stratus::gui::WidgetHost</name>
    <message>
        <source>Try Again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 est en cours de chargement…</translation>
    </message>
    <message>
        <source>the Media Library</source>
        <translation>le widget Media Library</translation>
    </message>
    <message>
        <source>the Upload widget</source>
        <translation>le widget de téléversement</translation>
    </message>
    <message>
        <source>the Media Editor</source>
        <translation>le widget Media Editor</translation>
    </message>
    <message>
        <source>the Video Player</source>
        <translation>le lecteur vidéo</translation>
    </message>
    <message>
        <source>the Product Gallery</source>
        <translation>le widget Product Gallery</translation>
    </message>
    <message>
        <source>%1 is not available here</source>
        <translation>%1 n’est pas disponible ici</translation>
    </message>
    <message>
        <source>%1 could not be opened</source>
        <translation>%1 n’a pas pu être ouvert</translation>
    </message>
    <message>
        <source>The page that holds it did not load. Try again.</source>
        <translation>La page qui le contient ne s’est pas chargée. Réessayez.</translation>
    </message>
    <message>
        <source>The sandbox does not answer</source>
        <translation>La sandbox ne répond pas</translation>
    </message>
    <message>
        <source>Stratus could not load %1 from the sandbox at %2. Check that it is running, then try again.</source>
        <translation>Stratus n’a pas pu charger %1 depuis la sandbox à l’adresse %2. Vérifiez qu’elle est lancée, puis réessayez.</translation>
    </message>
    <message>
        <source>%1 needs an internet connection</source>
        <translation>%1 a besoin d’une connexion à Internet</translation>
    </message>
    <message>
        <source>Stratus could not load it from %1. Check your connection, then try again. The rest of Stratus works offline.</source>
        <translation>Stratus n’a pas pu le charger depuis %1. Vérifiez votre connexion, puis réessayez. Le reste de Stratus fonctionne hors ligne.</translation>
    </message>
    <message>
        <source>%1 is closed</source>
        <translation>%1 est fermé</translation>
    </message>
    <message>
        <source>Its sign-in and data were removed from this computer.</source>
        <translation>Sa connexion et ses données ont été supprimées de cet ordinateur.</translation>
    </message>
    <message>
        <source>Allow %1 to use your microphone?</source>
        <translation>Autoriser %1 à utiliser votre micro ?</translation>
    </message>
    <message>
        <source>Allow %1 to use your camera?</source>
        <translation>Autoriser %1 à utiliser votre caméra ?</translation>
    </message>
    <message>
        <source>Allow %1 to use your camera and microphone?</source>
        <translation>Autoriser %1 à utiliser votre caméra et votre micro ?</translation>
    </message>
    <message>
        <source>Camera and Microphone</source>
        <translation>Caméra et micro</translation>
    </message>
    <message>
        <source>Stratus asks each time a widget wants them. Nothing is recorded until you allow it.</source>
        <translation>Stratus demande à chaque fois qu’un widget veut les utiliser. Rien n’est enregistré avant que vous l’autorisiez.</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Autoriser</translation>
    </message>
    <message>
        <source>Don&apos;t Allow</source>
        <translation>Ne pas autoriser</translation>
    </message>
</context>
<context>
    <name>stratus::gui::WidgetWindow</name>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
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
        <translation>Image</translation>
    </message>
</context>
<context>
    <name>stratus::web::WidgetView</name>
    <message>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
</context>
<context>
    <name>stratus::words::CheckWords</name>
    <message>
        <source>The check failed: %1</source>
        <translation>La vérification a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>The API key or the API secret is wrong. Copy both again from the Cloudinary Console (Settings → API Keys) and check that the key is enabled. The server said: “%1”.</source>
        <translation>La clé d’API ou le secret d’API est incorrect. Copiez-les à nouveau depuis la console Cloudinary (Settings → API Keys) et vérifiez que la clé est activée. Réponse du serveur&#xa0;: «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>There is no cloud named “%1”. Check the cloud name on the dashboard of the Cloudinary Console; it is case-sensitive.</source>
        <translation>Il n’existe aucun cloud nommé «&#xa0;%1&#xa0;». Vérifiez le nom de cloud dans le tableau de bord de la console Cloudinary&#xa0;; il est sensible à la casse.</translation>
    </message>
    <message>
        <source>Cloudinary could not be reached: %1. Check your internet connection; if you reach the internet through a proxy, check it in Settings → Network.</source>
        <translation>Impossible de joindre Cloudinary&#xa0;: %1. Vérifiez votre connexion Internet&#xa0;; si vous accédez à Internet via un proxy, vérifiez-le dans Paramètres → Proxy réseau.</translation>
    </message>
    <message>
        <source>The network proxy refused the connection or asked for a password (%1). Check the proxy in Settings → Network.</source>
        <translation>Le proxy réseau a refusé la connexion ou demandé un mot de passe (%1). Vérifiez le proxy dans Paramètres → Proxy réseau.</translation>
    </message>
    <message>
        <source>No secure connection could be made (certificate or TLS error: %1). If your network inspects encrypted traffic, ask your administrator to let Cloudinary through; Stratus never ignores certificate errors.</source>
        <translation>Impossible d’établir une connexion sécurisée (erreur de certificat ou TLS&#xa0;: %1). Si votre réseau inspecte le trafic chiffré, demandez à votre administrateur de laisser passer Cloudinary&#xa0;; Stratus n’ignore jamais les erreurs de certificat.</translation>
    </message>
    <message>
        <source>These credentials may not use the Admin API. The server said: “%1”. Limited keys still work for what they may do (for example uploading or delivering), but Stratus cannot browse or search this environment with them. Use a key with Admin API access, or choose “Add Anyway” to keep it with these limits.</source>
        <translation>Ces identifiants ne sont pas autorisés à utiliser l’Admin API. Réponse du serveur&#xa0;: «&#xa0;%1&#xa0;». Les clés limitées fonctionnent toujours pour ce qu’elles sont autorisées à faire (par exemple le téléversement ou la diffusion), mais Stratus ne peut ni parcourir ni rechercher cet environnement avec elles. Utilisez une clé ayant accès à l’Admin API, ou choisissez «&#xa0;Ajouter quand même&#xa0;» pour le conserver avec ces limites.</translation>
    </message>
    <message>
        <source>This environment has used up its Admin API calls for now (the server said: “%1”). Try again after %2.</source>
        <translation>Cet environnement a épuisé ses appels à l’Admin API pour le moment (réponse du serveur&#xa0;: «&#xa0;%1&#xa0;»). Réessayez après %2.</translation>
    </message>
    <message>
        <source>This environment has used up its Admin API calls for now (the server said: “%1”). Try again in a while; the budget is renewed every hour.</source>
        <translation>Cet environnement a épuisé ses appels à l’Admin API pour le moment (réponse du serveur&#xa0;: «&#xa0;%1&#xa0;»). Réessayez dans un moment&#xa0;; le quota est renouvelé toutes les heures.</translation>
    </message>
    <message>
        <source>The server answered with an error that is not about your credentials: “%1”. Try again later; if this is a private or local server, check its address (upload_prefix).</source>
        <translation>Le serveur a répondu par une erreur qui ne concerne pas vos identifiants&#xa0;: «&#xa0;%1&#xa0;». Réessayez plus tard&#xa0;; s’il s’agit d’un serveur privé ou local, vérifiez son adresse (upload_prefix).</translation>
    </message>
    <message>
        <source>Your keychain (Secret Service) is locked or not running, and Stratus keeps secrets nowhere else. Unlock your keyring, or start gnome-keyring or KWallet, and try again. Nothing was changed.</source>
        <translation>Votre trousseau de clés (Secret Service) est verrouillé ou n’est pas démarré, et Stratus ne conserve les secrets nulle part ailleurs. Déverrouillez votre trousseau, ou démarrez gnome-keyring ou KWallet, puis réessayez. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The address would send the API secret unencrypted (plain http) to another computer, where anyone on the networks in between could read it. Stratus does that only when you allow it for the environment: use an https:// address, or allow unencrypted sending in Accounts.</source>
        <translation>L’adresse enverrait le secret d’API en clair (http simple) à un autre ordinateur, où n’importe qui sur les réseaux intermédiaires pourrait le lire. Stratus ne le fait que si vous l’autorisez pour l’environnement&#xa0;: utilisez une adresse https://, ou autorisez l’envoi en clair dans Comptes.</translation>
    </message>
    <message>
        <source>the API key or secret is wrong for cloud &apos;%1&apos; (the server said: %2)</source>
        <translation>la clé ou le secret d’API est incorrect pour le cloud «&#xa0;%1&#xa0;» (réponse du serveur&#xa0;: %2)</translation>
    </message>
    <message>
        <source>there is no cloud named &apos;%1&apos; at %2 (the server said: %3)</source>
        <translation>il n’existe aucun cloud nommé «&#xa0;%1&#xa0;» sur %2 (réponse du serveur&#xa0;: %3)</translation>
    </message>
    <message>
        <source>cannot find the host %1 (no network or no DNS?): %2</source>
        <translation>impossible de trouver l’hôte %1 (pas de réseau ou pas de DNS&#xa0;?)&#xa0;: %2</translation>
    </message>
    <message>
        <source>no connection to %1: nothing answers there (%2); check the network and the URL</source>
        <translation>pas de connexion à %1&#xa0;: rien n’y répond (%2)&#xa0;; vérifiez le réseau et l’URL</translation>
    </message>
    <message>
        <source>no connection to %1: it did not answer in time; check the network</source>
        <translation>pas de connexion à %1&#xa0;: aucune réponse à temps&#xa0;; vérifiez le réseau</translation>
    </message>
    <message>
        <source>no connection to %1 (%2); check the network</source>
        <translation>pas de connexion à %1 (%2)&#xa0;; vérifiez le réseau</translation>
    </message>
    <message>
        <source>the proxy %1 failed on the way to %2 (%3); check http_proxy, https_proxy and no_proxy</source>
        <translation>le proxy %1 a échoué sur le chemin vers %2 (%3)&#xa0;; vérifiez http_proxy, https_proxy et no_proxy</translation>
    </message>
    <message>
        <source>(system)</source>
        <translation>(système)</translation>
    </message>
    <message>
        <source>the secure connection to %1 failed (%2)</source>
        <translation>la connexion sécurisée à %1 a échoué (%2)</translation>
    </message>
    <message>
        <source>these credentials may not use the Admin API of cloud &apos;%1&apos; (403: %2)</source>
        <translation>ces identifiants ne sont pas autorisés à utiliser l’Admin API du cloud «&#xa0;%1&#xa0;» (403&#xa0;: %2)</translation>
    </message>
    <message>
        <source>the Admin API rate limit of cloud &apos;%1&apos; is spent until %2; try again then</source>
        <translation>la limite d’appels à l’Admin API du cloud «&#xa0;%1&#xa0;» est épuisée jusqu’à %2&#xa0;; réessayez à ce moment-là</translation>
    </message>
    <message>
        <source>the Admin API rate limit of cloud &apos;%1&apos; is spent; try again later</source>
        <translation>la limite d’appels à l’Admin API du cloud «&#xa0;%1&#xa0;» est épuisée&#xa0;; réessayez plus tard</translation>
    </message>
    <message>
        <source>the server at %1 failed (%2); try again later</source>
        <translation>le serveur à l’adresse %1 a échoué (%2)&#xa0;; réessayez plus tard</translation>
    </message>
    <message>
        <source>the connection test failed: %1</source>
        <translation>le test de connexion a échoué&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>stratus::words::ErrorWords</name>
    <message>
        <source>This is not valid.</source>
        <translation>Ce n’est pas valide.</translation>
    </message>
    <message>
        <source>Cloudinary refused the request as invalid.</source>
        <translation>Cloudinary a refusé la requête comme non valide.</translation>
    </message>
    <message>
        <source>Cloudinary refused the request: %1</source>
        <translation>Cloudinary a refusé la requête&#xa0;: %1</translation>
    </message>
    <message>
        <source>The server could not be found. Check your internet connection.</source>
        <translation>Le serveur est introuvable. Vérifiez votre connexion à Internet.</translation>
    </message>
    <message>
        <source>The server refused the connection.</source>
        <translation>Le serveur a refusé la connexion.</translation>
    </message>
    <message>
        <source>The server stopped answering.</source>
        <translation>Le serveur ne répond plus.</translation>
    </message>
    <message>
        <source>The network proxy refused the connection. Check the proxy in Settings → Network.</source>
        <translation>Le proxy réseau a refusé la connexion. Vérifiez le proxy dans Paramètres → Réseau.</translation>
    </message>
    <message>
        <source>The network proxy asks for a user name and password. Check the proxy in Settings → Network.</source>
        <translation>Le proxy réseau demande un nom d’utilisateur et un mot de passe. Vérifiez le proxy dans Paramètres → Réseau.</translation>
    </message>
    <message>
        <source>No secure connection could be made. Stratus never ignores certificate errors.</source>
        <translation>Impossible d’établir une connexion sécurisée. Stratus n’ignore jamais les erreurs de certificat.</translation>
    </message>
    <message>
        <source>No secure connection could be made (%1). Stratus never ignores certificate errors.</source>
        <translation>Impossible d’établir une connexion sécurisée (%1). Stratus n’ignore jamais les erreurs de certificat.</translation>
    </message>
    <message>
        <source>The network failed.</source>
        <translation>Le réseau a échoué.</translation>
    </message>
    <message>
        <source>The network failed: %1</source>
        <translation>Le réseau a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cloudinary refused the API key or secret.</source>
        <translation>Cloudinary a refusé la clé ou le secret d’API.</translation>
    </message>
    <message>
        <source>Cloudinary refused the API key or secret: %1</source>
        <translation>Cloudinary a refusé la clé ou le secret d’API&#xa0;: %1</translation>
    </message>
    <message>
        <source>These credentials may not do this.</source>
        <translation>Ces identifiants n’y sont pas autorisés.</translation>
    </message>
    <message>
        <source>These credentials may not do this: %1</source>
        <translation>Ces identifiants n’y sont pas autorisés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cloudinary does not have it (any more).</source>
        <translation>Cloudinary ne l’a pas (ou plus).</translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>Introuvable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cloudinary refused it as a conflict.</source>
        <translation>Cloudinary l’a refusé en raison d’un conflit.</translation>
    </message>
    <message>
        <source>Cloudinary refused it as a conflict: %1</source>
        <translation>Cloudinary l’a refusé en raison d’un conflit&#xa0;: %1</translation>
    </message>
    <message>
        <source>Too many requests for now; Cloudinary accepts more after %1.</source>
        <translation>Trop de requêtes pour le moment&#xa0;; Cloudinary en accepte de nouveau après %1.</translation>
    </message>
    <message>
        <source>Too many requests for now; try again in a while.</source>
        <translation>Trop de requêtes pour le moment&#xa0;; réessayez dans un moment.</translation>
    </message>
    <message>
        <source>Cloudinary had a server error (HTTP %1).</source>
        <translation>Cloudinary a rencontré une erreur de serveur (HTTP %1).</translation>
    </message>
    <message>
        <source>Cloudinary had a server error: %1</source>
        <translation>Cloudinary a rencontré une erreur de serveur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>A local file could not be read or written.</source>
        <translation>Un fichier local n’a pas pu être lu ou écrit.</translation>
    </message>
    <message>
        <source>A local file could not be read or written: %1</source>
        <translation>Un fichier local n’a pas pu être lu ou écrit&#xa0;: %1</translation>
    </message>
    <message>
        <source>A local file is damaged and must be rebuilt.</source>
        <translation>Un fichier local est endommagé et doit être reconstruit.</translation>
    </message>
    <message>
        <source>The system keychain does not answer. Check that it is running and unlocked.</source>
        <translation>Le trousseau de clés du système ne répond pas. Vérifiez qu’il est démarré et déverrouillé.</translation>
    </message>
    <message>
        <source>The system keychain does not answer (%1). Check that it is running and unlocked.</source>
        <translation>Le trousseau de clés du système ne répond pas (%1). Vérifiez qu’il est démarré et déverrouillé.</translation>
    </message>
    <message>
        <source>The credentials would go over plain http to another computer, which is not allowed.</source>
        <translation>Les identifiants partiraient en clair (http) vers un autre ordinateur, ce qui n’est pas autorisé.</translation>
    </message>
    <message>
        <source>Something went wrong inside Stratus.</source>
        <translation>Un problème est survenu dans Stratus.</translation>
    </message>
    <message>
        <source>Something went wrong inside Stratus: %1</source>
        <translation>Un problème est survenu dans Stratus&#xa0;: %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Re-enter Secret…</source>
        <translation>Saisir à nouveau le secret…</translation>
    </message>
    <message>
        <source>Sign In Again…</source>
        <translation>Se reconnecter…</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Ouvrir les paramètres…</translation>
    </message>
    <message>
        <source>The account label contains %1 (at character %2), a control character or line break. Names may not contain control characters, line breaks or text-direction controls.</source>
        <translation>Le libellé du compte contient %1 (au caractère %2), un caractère de contrôle ou un saut de ligne. Les noms ne doivent contenir ni caractères de contrôle, ni sauts de ligne, ni marques de sens du texte.</translation>
    </message>
    <message>
        <source>The environment name contains %1 (at character %2), a control character or line break. Names may not contain control characters, line breaks or text-direction controls.</source>
        <translation>Le nom de l’environnement contient %1 (au caractère %2), un caractère de contrôle ou un saut de ligne. Les noms ne doivent contenir ni caractères de contrôle, ni sauts de ligne, ni marques de sens du texte.</translation>
    </message>
    <message>
        <source>The account label contains %1 (at character %2), a text-direction control. Names may not contain control characters, line breaks or text-direction controls.</source>
        <translation>Le libellé du compte contient %1 (au caractère %2), une marque de sens du texte. Les noms ne doivent contenir ni caractères de contrôle, ni sauts de ligne, ni marques de sens du texte.</translation>
    </message>
    <message>
        <source>The environment name contains %1 (at character %2), a text-direction control. Names may not contain control characters, line breaks or text-direction controls.</source>
        <translation>Le nom de l’environnement contient %1 (au caractère %2), une marque de sens du texte. Les noms ne doivent contenir ni caractères de contrôle, ni sauts de ligne, ni marques de sens du texte.</translation>
    </message>
    <message>
        <source>The account label contains %1 (at character %2), half of a character (broken text).</source>
        <translation>Le libellé du compte contient %1 (au caractère %2), une moitié de caractère (texte abîmé).</translation>
    </message>
    <message>
        <source>The environment name contains %1 (at character %2), half of a character (broken text).</source>
        <translation>Le nom de l’environnement contient %1 (au caractère %2), une moitié de caractère (texte abîmé).</translation>
    </message>
    <message>
        <source>An account needs a label.</source>
        <translation>Un compte doit avoir un libellé.</translation>
    </message>
    <message>
        <source>An environment needs a name.</source>
        <translation>Un environnement doit avoir un nom.</translation>
    </message>
    <message>
        <source>This is not a Cloudinary URL: it must begin with cloudinary:// (or account://).</source>
        <translation>Ce n’est pas une URL Cloudinary&#xa0;: elle doit commencer par cloudinary:// (ou account://).</translation>
    </message>
    <message>
        <source>This is not a Cloudinary URL. It looks like cloudinary://API_KEY:API_SECRET@CLOUD_NAME (or account://KEY:SECRET@ACCOUNT_ID).</source>
        <translation>Ce n’est pas une URL Cloudinary. Elle a la forme cloudinary://API_KEY:API_SECRET@CLOUD_NAME (ou account://KEY:SECRET@ACCOUNT_ID).</translation>
    </message>
    <message>
        <source>The account ID in the URL must not be an IPv6 address.</source>
        <translation>L’ID de compte dans l’URL ne doit pas être une adresse IPv6.</translation>
    </message>
    <message>
        <source>The cloud name in the URL must not be an IPv6 address.</source>
        <translation>Le nom de cloud dans l’URL ne doit pas être une adresse IPv6.</translation>
    </message>
    <message>
        <source>The URL has text after the account ID that does not belong there; it should read account://KEY:SECRET@ACCOUNT_ID (is the “@” missing?).</source>
        <translation>L’URL contient après l’ID de compte du texte qui n’a rien à y faire&#xa0;; elle devrait être de la forme account://KEY:SECRET@ACCOUNT_ID (le «&#xa0;@&#xa0;» manque-t-il&#xa0;?).</translation>
    </message>
    <message>
        <source>The URL has text after the cloud name that does not belong there; it should read cloudinary://API_KEY:API_SECRET@CLOUD_NAME (is the “@” missing?).</source>
        <translation>L’URL contient après le nom de cloud du texte qui n’a rien à y faire&#xa0;; elle devrait être de la forme cloudinary://API_KEY:API_SECRET@CLOUD_NAME (le «&#xa0;@&#xa0;» manque-t-il&#xa0;?).</translation>
    </message>
    <message>
        <source>The URL has no account ID after the “@”.</source>
        <translation>L’URL n’a pas d’ID de compte après le «&#xa0;@&#xa0;».</translation>
    </message>
    <message>
        <source>The URL has no cloud name after the “@”.</source>
        <translation>L’URL n’a pas de nom de cloud après le «&#xa0;@&#xa0;».</translation>
    </message>
    <message>
        <source>The account ID in the URL contains a character that is not allowed (space, &lt; &gt; [ \ ] ^ |).</source>
        <translation>L’ID de compte dans l’URL contient un caractère non autorisé (espace, &lt; &gt; [ \ ] ^ |).</translation>
    </message>
    <message>
        <source>The cloud name in the URL contains a character that is not allowed (space, &lt; &gt; [ \ ] ^ |).</source>
        <translation>Le nom de cloud dans l’URL contient un caractère non autorisé (espace, &lt; &gt; [ \ ] ^ |).</translation>
    </message>
    <message>
        <source>A parameter after the “?” of the URL has no name.</source>
        <translation>Un paramètre après le «&#xa0;?&#xa0;» de l’URL n’a pas de nom.</translation>
    </message>
    <message>
        <source>This needs a cloudinary:// URL, not an account:// one (account credentials belong in CLOUDINARY_ACCOUNT_URL).</source>
        <translation>Il faut ici une URL cloudinary://, pas une URL account:// (les identifiants de compte vont dans CLOUDINARY_ACCOUNT_URL).</translation>
    </message>
    <message>
        <source>This needs an account:// URL, not a cloudinary:// one.</source>
        <translation>Il faut ici une URL account://, pas une URL cloudinary://.</translation>
    </message>
    <message>
        <source>The accounts file %1 cannot be read.</source>
        <translation>Le fichier des comptes %1 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The accounts file %1 cannot be read: %2</source>
        <translation>Le fichier des comptes %1 ne peut pas être lu&#xa0;: %2</translation>
    </message>
    <message>
        <source>The accounts file %1 is larger than a settings file can be.</source>
        <translation>Le fichier des comptes %1 est plus grand qu’un fichier de paramètres ne peut l’être.</translation>
    </message>
    <message>
        <source>The accounts file %1 cannot be read: there is no room for a working copy.</source>
        <translation>Le fichier des comptes %1 ne peut pas être lu&#xa0;: il n’y a pas de place pour une copie de travail.</translation>
    </message>
    <message>
        <source>The accounts file %1 was written by a newer version of Stratus; this one does not change it.</source>
        <translation>Le fichier des comptes %1 a été écrit par une version plus récente de Stratus&#xa0;; celle-ci ne le modifie pas.</translation>
    </message>
    <message>
        <source>The accounts file %1 cannot be written.</source>
        <translation>Le fichier des comptes %1 ne peut pas être écrit.</translation>
    </message>
    <message>
        <source>The keychain holds no API secret for this environment. Enter the secret again.</source>
        <translation>Le trousseau de clés ne contient aucun secret d’API pour cet environnement. Saisissez à nouveau le secret.</translation>
    </message>
    <message>
        <source>The API secret stored in the keychain is empty. Enter the secret again.</source>
        <translation>Le secret d’API enregistré dans le trousseau de clés est vide. Saisissez à nouveau le secret.</translation>
    </message>
    <message>
        <source>The keychain holds no secret under this name.</source>
        <translation>Le trousseau de clés ne contient aucun secret sous ce nom.</translation>
    </message>
    <message>
        <source>The keychain refused access. Allow Stratus to use your keyring.</source>
        <translation>Le trousseau de clés a refusé l’accès. Autorisez Stratus à utiliser votre trousseau.</translation>
    </message>
    <message>
        <source>The keychain refused access (%1). Allow Stratus to use your keyring.</source>
        <translation>Le trousseau de clés a refusé l’accès (%1). Autorisez Stratus à utiliser votre trousseau.</translation>
    </message>
    <message>
        <source>No keychain (Secret Service) answered. Unlock your keyring, or start gnome-keyring or KWallet.</source>
        <translation>Aucun trousseau de clés (Secret Service) n’a répondu. Déverrouillez votre trousseau, ou démarrez gnome-keyring ou KWallet.</translation>
    </message>
    <message>
        <source>No keychain (Secret Service) answered (%1). Unlock your keyring, or start gnome-keyring or KWallet.</source>
        <translation>Aucun trousseau de clés (Secret Service) n’a répondu (%1). Déverrouillez votre trousseau, ou démarrez gnome-keyring ou KWallet.</translation>
    </message>
    <message>
        <source>There is no such account.</source>
        <translation>Ce compte n’existe pas.</translation>
    </message>
    <message>
        <source>There is no such environment.</source>
        <translation>Cet environnement n’existe pas.</translation>
    </message>
    <message>
        <source>This account exists already.</source>
        <translation>Ce compte existe déjà.</translation>
    </message>
    <message>
        <source>An environment named “%1” exists already.</source>
        <translation>Un environnement nommé «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>The environment “%1” needs a cloud name and an API key.</source>
        <translation>L’environnement «&#xa0;%1&#xa0;» doit avoir un nom de cloud et une clé d’API.</translation>
    </message>
    <message>
        <source>The environment “%1” needs an API secret.</source>
        <translation>L’environnement «&#xa0;%1&#xa0;» doit avoir un secret d’API.</translation>
    </message>
    <message>
        <source>The accounts were closed while this was under way.</source>
        <translation>Les comptes ont été fermés pendant l’opération.</translation>
    </message>
    <message>
        <source>This environment is not available yet.</source>
        <translation>Cet environnement n’est pas encore disponible.</translation>
    </message>
    <message>
        <source>This environment is closed.</source>
        <translation>Cet environnement est fermé.</translation>
    </message>
    <message>
        <source>“%1” cannot name a folder of Stratus.</source>
        <translation>«&#xa0;%1&#xa0;» ne peut pas désigner un dossier de Stratus.</translation>
    </message>
    <message>
        <source>The settings could not be saved to %1.</source>
        <translation>Les paramètres n’ont pas pu être enregistrés dans %1.</translation>
    </message>
    <message>
        <source>These could not be deleted: %1</source>
        <translation>Ces éléments n’ont pas pu être supprimés&#xa0;: %1</translation>
    </message>
    <message>
        <source>The catalogue is damaged; Stratus rebuilds it at the next sync.</source>
        <translation>Le catalogue est endommagé&#xa0;; Stratus le reconstruit à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>The catalogue is damaged (%1); Stratus rebuilds it at the next sync.</source>
        <translation>Le catalogue est endommagé (%1)&#xa0;; Stratus le reconstruit à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>There is no catalogue at %1 yet; sync the environment first.</source>
        <translation>Il n’y a pas encore de catalogue dans %1&#xa0;; synchronisez d’abord l’environnement.</translation>
    </message>
    <message>
        <source>The folder of the catalogue %1 cannot be created.</source>
        <translation>Le dossier du catalogue %1 ne peut pas être créé.</translation>
    </message>
    <message>
        <source>The catalogue %1 cannot be opened.</source>
        <translation>Le catalogue %1 ne peut pas être ouvert.</translation>
    </message>
    <message>
        <source>The catalogue %1 cannot be opened: %2</source>
        <translation>Le catalogue %1 ne peut pas être ouvert&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 cannot be removed.</source>
        <translation>%1 ne peut pas être supprimé.</translation>
    </message>
    <message>
        <source>%1 cannot be removed: %2</source>
        <translation>%1 ne peut pas être supprimé&#xa0;: %2</translation>
    </message>
    <message>
        <source>The catalogue %1 was written by a newer version of Stratus; this one leaves it alone.</source>
        <translation>Le catalogue %1 a été écrit par une version plus récente de Stratus&#xa0;; celle-ci n’y touche pas.</translation>
    </message>
    <message>
        <source>The catalogue could not be read to the end.</source>
        <translation>Le catalogue n’a pas pu être lu jusqu’au bout.</translation>
    </message>
    <message>
        <source>The catalogue could not be read to the end: %1</source>
        <translation>Le catalogue n’a pas pu être lu jusqu’au bout&#xa0;: %1</translation>
    </message>
    <message>
        <source>The catalogue could not be read or written.</source>
        <translation>Le catalogue n’a pas pu être lu ou écrit.</translation>
    </message>
    <message>
        <source>The catalogue could not be read or written: %1</source>
        <translation>Le catalogue n’a pas pu être lu ou écrit&#xa0;: %1</translation>
    </message>
    <message>
        <source>The catalogue could not start a change.</source>
        <translation>Le catalogue n’a pas pu commencer une modification.</translation>
    </message>
    <message>
        <source>The catalogue could not start a change: %1</source>
        <translation>Le catalogue n’a pas pu commencer une modification&#xa0;: %1</translation>
    </message>
    <message>
        <source>The catalogue could not save a change.</source>
        <translation>Le catalogue n’a pas pu enregistrer une modification.</translation>
    </message>
    <message>
        <source>The catalogue could not save a change: %1</source>
        <translation>Le catalogue n’a pas pu enregistrer une modification&#xa0;: %1</translation>
    </message>
    <message>
        <source>An asset vanished from the catalogue while it was written.</source>
        <translation>Une ressource a disparu du catalogue pendant son écriture.</translation>
    </message>
    <message>
        <source>The catalogue has no asset %1.</source>
        <translation>Le catalogue ne contient aucune ressource %1.</translation>
    </message>
    <message>
        <source>There is no API secret for this environment. Enter the secret again.</source>
        <translation>Il n’y a pas de secret d’API pour cet environnement. Saisissez à nouveau le secret.</translation>
    </message>
    <message>
        <source>The Admin API calls of this hour are spent; Cloudinary accepts more after %1.</source>
        <translation>Les appels à l’Admin API de cette heure sont épuisés&#xa0;; Cloudinary en accepte de nouveau après %1.</translation>
    </message>
    <message>
        <source>The Admin API calls of this hour are spent; try again in a while.</source>
        <translation>Les appels à l’Admin API de cette heure sont épuisés&#xa0;; réessayez dans un moment.</translation>
    </message>
    <message>
        <source>The connection was closed while this was under way.</source>
        <translation>La connexion a été fermée pendant l’opération.</translation>
    </message>
    <message>
        <source>The server did not answer for %1 seconds.</source>
        <translation>Le serveur n’a pas répondu pendant %1 secondes.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Le serveur n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The call has not finished.</source>
        <translation>L’appel n’est pas terminé.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not what the Cloudinary API sends (no JSON object). Check the environment&apos;s address (upload_prefix).</source>
        <translation>La réponse du serveur n’est pas celle qu’envoie l’API Cloudinary (pas d’objet JSON). Vérifiez l’adresse de l’environnement (upload_prefix).</translation>
    </message>
    <message>
        <source>The environment&apos;s API address is not configured.</source>
        <translation>L’adresse d’API de l’environnement n’est pas configurée.</translation>
    </message>
    <message>
        <source>The upload_prefix must be an http:// or https:// URL without a query.</source>
        <translation>L’upload_prefix doit être une URL http:// ou https:// sans paramètres de requête.</translation>
    </message>
    <message>
        <source>A product environment needs a cloudinary:// URL.</source>
        <translation>Un environnement de produit doit avoir une URL cloudinary://.</translation>
    </message>
    <message>
        <source>The CLOUDINARY_URL has no cloud name.</source>
        <translation>La CLOUDINARY_URL n’a pas de nom de cloud.</translation>
    </message>
    <message>
        <source>The Provisioning API needs an account:// URL.</source>
        <translation>La Provisioning API nécessite une URL account://.</translation>
    </message>
    <message>
        <source>The account URL has no account ID.</source>
        <translation>L’URL du compte n’a pas d’ID de compte.</translation>
    </message>
    <message>
        <source>The API credentials would travel unencrypted (plain http) to %1, which is not this computer. Use https, or allow unencrypted sending for this environment in Accounts.</source>
        <translation>Les identifiants d’API partiraient en clair (http) vers %1, qui n’est pas cet ordinateur. Utilisez https, ou autorisez l’envoi non chiffré pour cet environnement dans «&#xa0;Comptes&#xa0;».</translation>
    </message>
    <message>
        <source>%1 is restricted: its URL must be signed, and the environment&apos;s API secret is not available.</source>
        <translation>%1 est restreint&#xa0;: son URL doit être signée, et le secret d’API de l’environnement n’est pas disponible.</translation>
    </message>
    <message>
        <source>%1 could not be renamed.</source>
        <translation>%1 n’a pas pu être renommé.</translation>
    </message>
    <message>
        <source>%1 could not be moved.</source>
        <translation>%1 n’a pas pu être déplacé.</translation>
    </message>
    <message>
        <source>%1 could not be deleted.</source>
        <translation>%1 n’a pas pu être supprimé.</translation>
    </message>
    <message>
        <source>The tags of %1 could not be changed.</source>
        <translation>Les tags de %1 n’ont pas pu être modifiés.</translation>
    </message>
    <message>
        <source>%1 could not be saved.</source>
        <translation>%1 n’a pas pu être enregistré.</translation>
    </message>
    <message>
        <source>The folder %1 could not be created.</source>
        <translation>Le dossier %1 n’a pas pu être créé.</translation>
    </message>
    <message>
        <source>The folder %1 could not be renamed.</source>
        <translation>Le dossier %1 n’a pas pu être renommé.</translation>
    </message>
    <message>
        <source>The folder %1 could not be deleted.</source>
        <translation>Le dossier %1 n’a pas pu être supprimé.</translation>
    </message>
    <message>
        <source>%1 is no longer in the environment (deleted or renamed elsewhere?). Nothing was changed; a sync brings the catalogue up to date.</source>
        <translation>%1 n’est plus dans l’environnement (supprimé ou renommé ailleurs&#xa0;?). Rien n’a été modifié&#xa0;; une synchronisation met le catalogue à jour.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>%1 says what could not be done (&quot;cat could not be renamed.&quot;), %2 why (the kind&apos;s words).</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>This environment has no catalogue.</source>
        <translation>Cet environnement n’a pas de catalogue.</translation>
    </message>
    <message>
        <source>Changes cannot be sent while the environment does not answer.</source>
        <translation>Les modifications ne peuvent pas être envoyées tant que l’environnement ne répond pas.</translation>
    </message>
    <message>
        <source>This environment cannot be called.</source>
        <translation>Impossible d’appeler l’API de cet environnement.</translation>
    </message>
    <message>
        <source>The folder mode of this environment is not known yet; sync it first.</source>
        <translation>Le mode de dossiers de cet environnement est encore inconnu&#xa0;; synchronisez-le d’abord.</translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation>Le nom est vide.</translation>
    </message>
    <message>
        <source>A name cannot contain “/”; use Move to… to change the folder.</source>
        <translation>Un nom ne peut pas contenir «&#xa0;/&#xa0;»&#xa0;; utilisez «&#xa0;Déplacer vers…&#xa0;» pour changer de dossier.</translation>
    </message>
    <message>
        <source>A name cannot contain a backslash, a percent sign or any of ? &amp; # &lt; &gt;.</source>
        <translation>Un nom ne peut contenir ni barre oblique inverse, ni signe de pourcentage, ni aucun des caractères ? &amp; # &lt; &gt;.</translation>
    </message>
    <message>
        <source>A name cannot start or end with a space.</source>
        <translation>Un nom ne peut ni commencer ni se terminer par un espace.</translation>
    </message>
    <message>
        <source>The folder name is empty.</source>
        <translation>Le nom du dossier est vide.</translation>
    </message>
    <message>
        <source>Folders can be renamed in dynamic folder mode only.</source>
        <translation>Les dossiers ne peuvent être renommés qu’en mode de dossiers dynamiques.</translation>
    </message>
    <message>
        <source>Home cannot be renamed.</source>
        <translation>«&#xa0;Accueil&#xa0;» ne peut pas être renommé.</translation>
    </message>
    <message>
        <source>Home cannot be deleted.</source>
        <translation>«&#xa0;Accueil&#xa0;» ne peut pas être supprimé.</translation>
    </message>
    <message>
        <source>%1 was changed, but the local catalogue could not be updated: %2</source>
        <translation>%1 a été modifié, mais le catalogue local n’a pas pu être mis à jour&#xa0;: %2</translation>
    </message>
    <message>
        <source>Must supply cloud_name in the options or in the configuration</source>
        <translation>cloud_name doit être indiqué dans les options ou dans la configuration</translation>
    </message>
    <message>
        <source>Root path only supported for image/upload</source>
        <translation>Le chemin racine n’est pris en charge que pour image/upload</translation>
    </message>
    <message>
        <source>Signature algorithm %1 is not supported. Supported algorithms: sha1, sha256</source>
        <translation>L’algorithme de signature %1 n’est pas pris en charge. Algorithmes pris en charge&#xa0;: sha1, sha256</translation>
    </message>
    <message>
        <source>Radius array should contain between 1 and 4 values</source>
        <translation>Le tableau radius doit contenir entre 1 et 4 valeurs</translation>
    </message>
    <message>
        <source>Must supply public_id for non-text overlay</source>
        <translation>public_id doit être indiqué pour un overlay qui n’est pas du texte</translation>
    </message>
    <message>
        <source>Must supply either text or public_id in overlay</source>
        <translation>text ou public_id doit être indiqué dans l’overlay</translation>
    </message>
    <message>
        <source>Must supply font_size for text in overlay/underlay</source>
        <translation>font_size doit être indiqué pour le texte dans overlay/underlay</translation>
    </message>
    <message>
        <source>Must supply font_family for text in overlay/underlay</source>
        <translation>font_family doit être indiqué pour le texte dans overlay/underlay</translation>
    </message>
    <message>
        <source>Must provide either expiration or duration</source>
        <translation>expiration ou duration doit être indiqué</translation>
    </message>
    <message>
        <source>The upload has not finished.</source>
        <translation>Le téléversement n’est pas terminé.</translation>
    </message>
    <message>
        <source>The environment&apos;s upload address is not configured.</source>
        <translation>L’adresse de téléversement de l’environnement n’est pas configurée.</translation>
    </message>
    <message>
        <source>An unsigned upload needs an unsigned upload preset.</source>
        <translation>Un téléversement non signé nécessite un préréglage de téléversement non signé.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload is not what the Upload API sends (no JSON). Check the environment&apos;s address (upload_prefix).</source>
        <translation>La réponse du serveur au téléversement n’est pas celle qu’envoie l’Upload API (pas de JSON). Vérifiez l’adresse de l’environnement (upload_prefix).</translation>
    </message>
    <message>
        <source>The chunk size must be positive, not %1.</source>
        <translation>La taille des blocs doit être positive, et non %1.</translation>
    </message>
    <message>
        <source>%1 is shorter than the part already uploaded: it changed since the upload began. Upload it again.</source>
        <translation>%1 est plus court que la partie déjà téléversée&#xa0;: il a changé depuis le début du téléversement. Téléversez-le à nouveau.</translation>
    </message>
    <message>
        <source>The server did not complete the upload of %1 after its last chunk.</source>
        <translation>Le serveur n’a pas terminé le téléversement de %1 après son dernier bloc.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be read%2.</source>
        <translation>Le dossier %1 ne peut pas être lu%2.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be read to the end%2.</source>
        <translation>Le dossier %1 ne peut pas être lu jusqu’au bout%2.</translation>
    </message>
    <message>
        <source>The name of %1 is not valid UTF-8; rename it to upload it.</source>
        <translation>Le nom de %1 n’est pas de l’UTF-8 valide&#xa0;; renommez-le pour le téléverser.</translation>
    </message>
    <message>
        <source>%1 is a link to something that does not exist.</source>
        <translation>%1 est un lien vers quelque chose qui n’existe pas.</translation>
    </message>
    <message>
        <source>No such file or folder: %1.</source>
        <translation>Fichier ou dossier introuvable&#xa0;: %1.</translation>
    </message>
    <message>
        <source>%1 is a folder.</source>
        <translation>%1 est un dossier.</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a device, a pipe or a socket).</source>
        <translation>%1 n’est pas un fichier ordinaire (c’est un périphérique, un tube ou un socket).</translation>
    </message>
    <message>
        <source>%1 cannot be read%2.</source>
        <translation>%1 ne peut pas être lu%2.</translation>
    </message>
    <message>
        <source>The size of %1 is only known by reading it (a special file, like those in /proc); copy it to a regular file to upload it.</source>
        <translation>La taille de %1 n’est connue qu’en le lisant (un fichier spécial, comme ceux de /proc)&#xa0;; copiez-le dans un fichier ordinaire pour le téléverser.</translation>
    </message>
    <message>
        <source>%1 is empty; Cloudinary does not accept empty files.</source>
        <translation>%1 est vide&#xa0;; Cloudinary n’accepte pas les fichiers vides.</translation>
    </message>
    <message>
        <source>%1 changed while it was uploaded (it is shorter now); upload it again.</source>
        <translation>%1 a changé pendant son téléversement (il est maintenant plus court)&#xa0;; téléversez-le à nouveau.</translation>
    </message>
    <message>
        <source>%1 cannot be written%2.</source>
        <translation>%1 ne peut pas être écrit%2.</translation>
    </message>
    <message>
        <source>The folder of the upload journal %1 cannot be created.</source>
        <translation>Le dossier du journal de téléversement %1 ne peut pas être créé.</translation>
    </message>
    <message>
        <source>The upload journal %1 cannot be opened%2.</source>
        <translation>Le journal de téléversement %1 ne peut pas être ouvert%2.</translation>
    </message>
    <message>
        <source>The upload journal %1 was written by a newer Stratus; update Stratus to go on with its uploads.</source>
        <translation>Le journal de téléversement %1 a été écrit par une version plus récente de Stratus&#xa0;; mettez Stratus à jour pour poursuivre ses téléversements.</translation>
    </message>
    <message>
        <source>The upload journal cannot be read or written%1.</source>
        <translation>Le journal de téléversement ne peut être ni lu ni écrit%1.</translation>
    </message>
    <message>
        <source>There is no network connection to download with.</source>
        <translation>Aucune connexion réseau n’est disponible pour le téléchargement.</translation>
    </message>
    <message>
        <source>Cloudinary did not deliver %1 (HTTP %2).</source>
        <translation>Cloudinary n’a pas diffusé %1 (HTTP %2).</translation>
    </message>
    <message>
        <source>Cloudinary did not deliver %1 (HTTP %2): %3</source>
        <translation>Cloudinary n’a pas diffusé %1 (HTTP %2)&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 is private or authenticated and needs a signed URL, which needs the API secret.</source>
        <translation>%1 est privé ou authentifié et nécessite une URL signée, laquelle exige le secret d’API.</translation>
    </message>
    <message>
        <source>The environment cannot be called now, so its API secret cannot sign delivery URLs.</source>
        <translation>L’API de l’environnement ne peut pas être appelée pour le moment&#xa0;; son secret d’API ne peut donc pas signer d’URL de diffusion.</translation>
    </message>
    <message>
        <source>There is no API secret to sign delivery URLs with.</source>
        <translation>Il n’y a pas de secret d’API pour signer les URL de diffusion.</translation>
    </message>
    <message>
        <source>The number of entries it states (%1) does not match the entries in it. Every entry there was read; the number is corrected at the next change.</source>
        <translation>Le nombre d’entrées qu’elle indique (%1) ne correspond pas aux entrées qu’elle contient. Toutes les entrées ont été lues&#xa0;; le nombre sera corrigé à la prochaine modification.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>It is not stored under an entry number.</source>
        <translation>Elle n’est pas enregistrée sous un numéro d’entrée.</translation>
    </message>
    <message>
        <source>Its value “%1” is not text.</source>
        <translation>Sa valeur «&#xa0;%1&#xa0;» n’est pas du texte.</translation>
    </message>
    <message>
        <source>It has no identifier.</source>
        <translation>Elle n’a pas d’identifiant.</translation>
    </message>
    <message>
        <source>Its identifier is not one Stratus makes (letters, digits, “-”, “_” and “.”, at most 128).</source>
        <translation>Son identifiant n’est pas de ceux que crée Stratus (lettres, chiffres, «&#xa0;-&#xa0;», «&#xa0;_&#xa0;» et «&#xa0;.&#xa0;», 128 au plus).</translation>
    </message>
    <message>
        <source>It has the same identifier as an entry before it.</source>
        <translation>Elle a le même identifiant qu’une entrée précédente.</translation>
    </message>
    <message>
        <source>It has no label.</source>
        <translation>Elle n’a pas de libellé.</translation>
    </message>
    <message>
        <source>It has no name.</source>
        <translation>Elle n’a pas de nom.</translation>
    </message>
    <message>
        <source>It has the same name as an environment before it.</source>
        <translation>Elle porte le même nom qu’un environnement précédent.</translation>
    </message>
    <message>
        <source>It has no CLOUDINARY_URL.</source>
        <translation>Elle n’a pas de CLOUDINARY_URL.</translation>
    </message>
    <message>
        <source>Its provisioning address (CLOUDINARY_ACCOUNT_URL) cannot be read: %1</source>
        <translation>Son adresse de provisioning (CLOUDINARY_ACCOUNT_URL) est illisible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Its provisioning address (CLOUDINARY_ACCOUNT_URL) cannot be read.</source>
        <translation>Son adresse de provisioning (CLOUDINARY_ACCOUNT_URL) est illisible.</translation>
    </message>
    <message>
        <source>Its CLOUDINARY_URL cannot be read: %1</source>
        <translation>Sa CLOUDINARY_URL est illisible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Its CLOUDINARY_URL cannot be read.</source>
        <translation>Sa CLOUDINARY_URL est illisible.</translation>
    </message>
    <message>
        <source>The account it belongs to (“%1”) is missing or could not be read.</source>
        <translation>Le compte auquel elle appartient («&#xa0;%1&#xa0;») est absent ou n’a pas pu être lu.</translation>
    </message>
    <message>
        <source>Corner: Cannot be null</source>
        <translation>Corner&#xa0;: ne peut pas être null</translation>
    </message>
    <message>
        <source>URL Suffix only supported for image/upload, image/private, image/authenticated, video/upload and raw/upload</source>
        <translation>Le suffixe d’URL n’est pris en charge que pour image/upload, image/private, image/authenticated, video/upload et raw/upload</translation>
    </message>
    <message>
        <source>url_suffix should not include . or /</source>
        <translation>url_suffix ne doit contenir ni . ni /</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <extracomment>%1 is an option name such as cloud_name or border.color</extracomment>
        <translation>%1 doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>each entry of variables must be a [name, value] pair</source>
        <translation>chaque entrée de variables doit être une paire [nom, valeur]</translation>
    </message>
    <message>
        <source>variables must be a list of [name, value] pairs</source>
        <translation>variables doit être une liste de paires [nom, valeur]</translation>
    </message>
    <message>
        <source>transformation nested too deeply</source>
        <translation>transformation imbriquée trop profondément</translation>
    </message>
    <message>
        <source>a transformation in a list must not be null</source>
        <translation>une transformation dans une liste ne doit pas être null</translation>
    </message>
    <message>
        <source>transformation nested too deeply (a responsive_width in the configuration makes the SDK recurse without end)</source>
        <translation>transformation imbriquée trop profondément (un responsive_width dans la configuration entraîne une récursion sans fin du SDK)</translation>
    </message>
    <message>
        <source>size must be a string such as &quot;100x80&quot;</source>
        <translation>size doit être une chaîne de caractères telle que &quot;100x80&quot;</translation>
    </message>
    <message>
        <source>URI malformed: overlay text contains a lone UTF-16 surrogate</source>
        <translation>URI malformée&#xa0;: le texte de l’overlay contient un surrogate UTF-16 isolé</translation>
    </message>
    <message>
        <source>the public_id of an overlay/underlay must be a string</source>
        <translation>le public_id d’un overlay/underlay doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>the text of an overlay/underlay must be a string</source>
        <translation>le texte d’un overlay/underlay doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>the public id is not valid percent-encoded text (URI malformed)</source>
        <translation>le public ID n’est pas un texte encodé en pourcentage valide (URI malformée)</translation>
    </message>
    <message>
        <source>the public id contains a lone UTF-16 surrogate (URI malformed)</source>
        <translation>le public ID contient un surrogate UTF-16 isolé (URI malformée)</translation>
    </message>
    <message>
        <source>URI malformed: bad percent escape</source>
        <translation>URI malformée&#xa0;: encodage en pourcentage incorrect</translation>
    </message>
    <message>
        <source>URI malformed: the text contains a lone UTF-16 surrogate</source>
        <translation>URI malformée&#xa0;: le texte contient un surrogate UTF-16 isolé</translation>
    </message>
    <message>
        <source>auth_token acl must be text or a list of texts</source>
        <translation>auth_token acl doit être un texte ou une liste de textes</translation>
    </message>
    <message>
        <source>auth_token key must be text (hex digits)</source>
        <translation>auth_token key doit être un texte (chiffres hexadécimaux)</translation>
    </message>
    <message>
        <source>missing public_id</source>
        <translation>public_id manquant</translation>
    </message>
    <message>
        <source>expected a JSON object {&quot;public_id&quot;: ..., &quot;options&quot;: {...}}</source>
        <translation>objet JSON {&quot;public_id&quot;: ..., &quot;options&quot;: {...}} attendu</translation>
    </message>
    <message>
        <source>options must be a JSON object</source>
        <translation>options doit être un objet JSON</translation>
    </message>
    <message>
        <source>carriage return (U+000D)</source>
        <translation>retour chariot (U+000D)</translation>
    </message>
    <message>
        <source>line feed (U+000A)</source>
        <translation>saut de ligne (U+000A)</translation>
    </message>
    <message>
        <source>NUL (U+0000)</source>
        <translation>NUL (U+0000)</translation>
    </message>
    <message>
        <source>the URL would hold a raw %1, which the Node SDK copies into it unescaped from this option; percent-encode it in the value</source>
        <extracomment>%1 names the character, e.g. &quot;line feed (U+000A)&quot;</extracomment>
        <translation>l’URL contiendrait le caractère %1 tel quel, car le SDK Node le recopie sans échappement depuis cette option&#xa0;; encodez-le en pourcentage dans la valeur</translation>
    </message>
    <message>
        <source>invalid JSON (%1 at offset %2)</source>
        <extracomment>%1 is the JSON parser&apos;s own words, %2 a position in the text</extracomment>
        <translation>JSON non valide (%1 au décalage %2)</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>objet JSON attendu</translation>
    </message>
    <message>
        <source>&quot;params&quot; must be a JSON object</source>
        <translation>&quot;params&quot; doit être un objet JSON</translation>
    </message>
    <message>
        <source>unknown &quot;algorithm&quot;; expected &quot;sha1&quot; or &quot;sha256&quot;</source>
        <translation>valeur inconnue pour &quot;algorithm&quot;&#xa0;; &quot;sha1&quot; ou &quot;sha256&quot; attendu</translation>
    </message>
    <message>
        <source>&quot;signature_version&quot; must be 1 or 2</source>
        <translation>&quot;signature_version&quot; doit valoir 1 ou 2</translation>
    </message>
    <message>
        <source>transformation step %1 is empty (two &apos;/&apos; in a row, or one at an end)</source>
        <extracomment>%1 is the step&apos;s number</extracomment>
        <translation>l’étape de transformation %1 est vide (deux «&#xa0;/&#xa0;» à la suite, ou une à une extrémité)</translation>
    </message>
    <message>
        <source>empty parameter (two &apos;,&apos; in a row, or one at an end)</source>
        <translation>paramètre vide (deux «&#xa0;,&#xa0;» à la suite, ou une à une extrémité)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not of the form key_value</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas de la forme key_value</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an empty key</source>
        <translation>«&#xa0;%1&#xa0;» a une clé vide</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an empty variable name</source>
        <translation>«&#xa0;%1&#xa0;» a un nom de variable vide</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in &apos;%2&apos;</source>
        <extracomment>%1 is the key, %2 the parameter it begins</extracomment>
        <translation>clé inconnue «&#xa0;%1&#xa0;» dans «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an empty value</source>
        <translation>«&#xa0;%1&#xa0;» a une valeur vide</translation>
    </message>
    <message>
        <source>transformation step %1 (&apos;%2&apos;): %3</source>
        <extracomment>%1 is the step&apos;s number, %2 its text, %3 what is wrong with it</extracomment>
        <translation>étape de transformation %1 («&#xa0;%2&#xa0;»)&#xa0;: %3</translation>
    </message>
    <message>
        <source>unexpected text after the JSON value</source>
        <translation>texte inattendu après la valeur JSON</translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation>caractère inattendu</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>imbrication trop profonde</translation>
    </message>
    <message>
        <source>unexpected end of input</source>
        <translation>fin inattendue de l’entrée</translation>
    </message>
    <message>
        <source>expected a member name</source>
        <translation>nom de membre attendu</translation>
    </message>
    <message>
        <source>expected &apos;:&apos;</source>
        <translation>«&#xa0;:&#xa0;» attendu</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>«&#xa0;,&#xa0;» ou «&#xa0;}&#xa0;» attendu</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation>«&#xa0;,&#xa0;» ou «&#xa0;]&#xa0;» attendu</translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation>séquence d’échappement \u incorrecte</translation>
    </message>
    <message>
        <source>bad escape</source>
        <translation>séquence d’échappement incorrecte</translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation>caractère de contrôle dans une chaîne</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>chaîne non terminée</translation>
    </message>
    <message>
        <source>bad number</source>
        <translation>nombre non valide</translation>
    </message>
    <message>
        <source>invalid JSON at offset %1: %2</source>
        <extracomment>%1 is a position in the text, %2 what was found wrong there</extracomment>
        <translation>JSON non valide au décalage %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 at position %2</source>
        <extracomment>%1 what is wrong with a search expression, %2 the character position (1 is the first)</extracomment>
        <translation>%1 à la position %2</translation>
    </message>
    <message>
        <source>unexpected text</source>
        <translation>texte inattendu</translation>
    </message>
    <message>
        <source>unbalanced &apos;)&apos;</source>
        <translation>«&#xa0;)&#xa0;» sans «&#xa0;(&#xa0;» correspondante</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos;</source>
        <translation>«&#xa0;%1&#xa0;» inattendu</translation>
    </message>
    <message>
        <source>unexpected &apos;&amp;&apos;; write AND or &amp;&amp;</source>
        <translation>«&#xa0;&amp;&#xa0;» inattendu&#xa0;; écrivez AND ou &amp;&amp;</translation>
    </message>
    <message>
        <source>unexpected &apos;|&apos;; write OR or ||</source>
        <translation>«&#xa0;|&#xa0;» inattendu&#xa0;; écrivez OR ou ||</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not supported; quote the value or escape it with a backslash</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas pris en charge&#xa0;; mettez la valeur entre guillemets ou échappez le caractère avec une barre oblique inverse</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos;; quote values that contain it</source>
        <translation>«&#xa0;%1&#xa0;» inattendu&#xa0;; mettez entre guillemets les valeurs qui le contiennent</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos;; a range needs a field, as in bytes:[1 TO 100]</source>
        <translation>«&#xa0;%1&#xa0;» inattendu&#xa0;; une plage nécessite un champ, comme dans bytes:[1 TO 100]</translation>
    </message>
    <message>
        <source>the expression is nested too deeply (more than %1 levels)</source>
        <translation>l’expression est imbriquée trop profondément (plus de %1 niveaux)</translation>
    </message>
    <message>
        <source>dangling &apos;\&apos; at the end</source>
        <translation>«&#xa0;\&#xa0;» isolée à la fin</translation>
    </message>
    <message>
        <source>only a trailing &apos;*&apos; wildcard is supported</source>
        <translation>seul un caractère générique «&#xa0;*&#xa0;» final est pris en charge</translation>
    </message>
    <message>
        <source>only a trailing &apos;*&apos; wildcard is supported; write \* for a literal *</source>
        <translation>seul un caractère générique «&#xa0;*&#xa0;» final est pris en charge&#xa0;; écrivez \* pour un * littéral</translation>
    </message>
    <message>
        <source>unterminated quoted value</source>
        <translation>valeur entre guillemets non terminée</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a term after it</source>
        <extracomment>%1 the operator as typed: AND, OR or NOT</extracomment>
        <translation>«&#xa0;%1&#xa0;» doit être suivi d’un terme</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a term before it</source>
        <extracomment>%1 the operator as typed: AND or OR</extracomment>
        <translation>«&#xa0;%1&#xa0;» doit être précédé d’un terme</translation>
    </message>
    <message>
        <source>NOT cannot start an expression; write -field:value instead</source>
        <translation>NOT ne peut pas commencer une expression&#xa0;; écrivez plutôt -field:value</translation>
    </message>
    <message>
        <source>NOT cannot start a group; write -field:value instead</source>
        <translation>NOT ne peut pas commencer un groupe&#xa0;; écrivez plutôt -field:value</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be followed directly by a term</source>
        <translation>«&#xa0;%1&#xa0;» doit être directement suivi d’un terme</translation>
    </message>
    <message>
        <source>expected a search term</source>
        <translation>terme de recherche attendu</translation>
    </message>
    <message>
        <source>empty parentheses</source>
        <translation>parenthèses vides</translation>
    </message>
    <message>
        <source>missing &apos;)&apos; for this &apos;(&apos;</source>
        <translation>«&#xa0;)&#xa0;» manquante pour cette «&#xa0;(&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;%1(…)&apos; cannot contain another field</source>
        <extracomment>%1 a field and its operator, as in tags:(…)</extracomment>
        <translation>«&#xa0;%1(…)&#xa0;» ne peut pas contenir d’autre champ</translation>
    </message>
    <message>
        <source>invalid field name &apos;%1&apos;</source>
        <translation>nom de champ non valide «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a key, as in %1.KEY</source>
        <translation>«&#xa0;%1&#xa0;» nécessite une clé, comme dans %1.KEY</translation>
    </message>
    <message>
        <source>the field &apos;%1&apos; is not supported by Stratus&apos; local search</source>
        <translation>le champ «&#xa0;%1&#xa0;» n’est pas pris en charge par la recherche locale de Stratus</translation>
    </message>
    <message>
        <source>unknown field &apos;%1&apos;</source>
        <translation>champ inconnu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>expected a value after &apos;%1&apos;</source>
        <extracomment>%1 a field and its operator, as in tags:</extracomment>
        <translation>valeur attendue après «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>expected a value after &apos;%1&apos;, found %2</source>
        <extracomment>%1 a field and its operator, as in tags: ; %2 the operator found instead of a value</extracomment>
        <translation>valeur attendue après «&#xa0;%1&#xa0;», %2 trouvé</translation>
    </message>
    <message>
        <source>expected a range bound</source>
        <translation>borne de plage attendue</translation>
    </message>
    <message>
        <source>expected &apos;TO&apos; in the range</source>
        <translation>«&#xa0;TO&#xa0;» attendu dans la plage</translation>
    </message>
    <message>
        <source>unterminated range; close it with &apos;]&apos; or &apos;}&apos;</source>
        <translation>plage non terminée&#xa0;; fermez-la avec «&#xa0;]&#xa0;» ou «&#xa0;}&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;*&apos; alone is not a search term</source>
        <translation>«&#xa0;*&#xa0;» seul n’est pas un terme de recherche</translation>
    </message>
    <message>
        <source>&apos;%1*&apos; is not supported: the Search API has no &apos;field exists&apos; query</source>
        <extracomment>%1 a field and its operator, as in tags:</extracomment>
        <translation>«&#xa0;%1*&#xa0;» n’est pas pris en charge&#xa0;: la Search API n’a pas de requête «&#xa0;le champ existe&#xa0;»</translation>
    </message>
    <message>
        <source>wildcards are not allowed with &apos;%1&apos;</source>
        <translation>les caractères génériques ne sont pas autorisés avec «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not support wildcards</source>
        <translation>«&#xa0;%1&#xa0;» ne prend pas en charge les caractères génériques</translation>
    </message>
    <message>
        <source>empty search term</source>
        <translation>terme de recherche vide</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not support &apos;%2&apos;</source>
        <extracomment>%1 a field, %2 an operator such as &gt; or &lt;=</extracomment>
        <translation>«&#xa0;%1&#xa0;» ne prend pas en charge «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>empty value for &apos;%1&apos;</source>
        <translation>valeur vide pour «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; supports only a wildcard for a whole folder level, as in %1:a/b/*</source>
        <translation>«&#xa0;%1&#xa0;» ne prend en charge un caractère générique que pour un niveau de dossier entier, comme dans %1:a/b/*</translation>
    </message>
    <message>
        <source>&apos;%1:/*&apos; would match every asset; leave the term out</source>
        <translation>«&#xa0;%1:/*&#xa0;» correspondrait à toutes les ressources&#xa0;; omettez ce terme</translation>
    </message>
    <message>
        <source>&apos;bytes&apos; needs a size such as 500, 20kb or 1m, not &apos;%1&apos;</source>
        <extracomment>%1 the value as typed after bytes</extracomment>
        <translation>«&#xa0;bytes&#xa0;» nécessite une taille telle que 500, 20kb ou 1m, et non «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a number, not &apos;%2&apos;</source>
        <extracomment>%1 a field, %2 the value as typed</extracomment>
        <translation>«&#xa0;%1&#xa0;» nécessite un nombre, et non «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a date (2024-01-31, &quot;2024-01-31T12:00:00Z&quot;, Unix seconds, or 1h/1d/1w), not &apos;%2&apos;</source>
        <extracomment>%1 a field, %2 the value as typed</extracomment>
        <translation>«&#xa0;%1&#xa0;» nécessite une date (2024-01-31, &quot;2024-01-31T12:00:00Z&quot;, secondes Unix ou 1h/1d/1w), et non «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not support ranges</source>
        <translation>«&#xa0;%1&#xa0;» ne prend pas en charge les plages</translation>
    </message>
    <message>
        <source>wildcards are not allowed in a range</source>
        <translation>les caractères génériques ne sont pas autorisés dans une plage</translation>
    </message>
    <message>
        <source>a range needs at least one bound; the Search API has no &apos;field exists&apos; query</source>
        <translation>une plage nécessite au moins une borne&#xa0;; la Search API n’a pas de requête «&#xa0;le champ existe&#xa0;»</translation>
    </message>
    <message>
        <source>sort_by must be an array such as [{&quot;created_at&quot;:&quot;desc&quot;}]</source>
        <translation>sort_by doit être un tableau tel que [{&quot;created_at&quot;:&quot;desc&quot;}]</translation>
    </message>
    <message>
        <source>sort_by entries must be objects such as {&quot;created_at&quot;:&quot;desc&quot;}</source>
        <translation>les entrées de sort_by doivent être des objets tels que {&quot;created_at&quot;:&quot;desc&quot;}</translation>
    </message>
    <message>
        <source>sort_by: each entry must have exactly one field, as in {&quot;created_at&quot;:&quot;desc&quot;}</source>
        <translation>sort_by&#xa0;: chaque entrée doit avoir exactement un champ, comme dans {&quot;created_at&quot;:&quot;desc&quot;}</translation>
    </message>
    <message>
        <source>sort_by: cannot sort by &apos;%1&apos;</source>
        <translation>sort_by&#xa0;: impossible de trier par «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>sort_by: the direction for &apos;%1&apos; must be &quot;asc&quot; or &quot;desc&quot;</source>
        <translation>sort_by&#xa0;: le sens de tri pour «&#xa0;%1&#xa0;» doit être &quot;asc&quot; ou &quot;desc&quot;</translation>
    </message>
    <message>
        <source>aggregate must be an array of field names</source>
        <translation>aggregate doit être un tableau de noms de champs</translation>
    </message>
    <message>
        <source>aggregate: custom (range) aggregations are not supported</source>
        <translation>aggregate&#xa0;: les agrégations personnalisées (par plages) ne sont pas prises en charge</translation>
    </message>
    <message>
        <source>aggregate: cannot aggregate on &apos;%1&apos; (supported: format, resource_type, type)</source>
        <translation>aggregate&#xa0;: impossible d’agréger sur «&#xa0;%1&#xa0;» (pris en charge&#xa0;: format, resource_type, type)</translation>
    </message>
    <message>
        <source>%1 is too large: this environment accepts images of up to %2 (the plan&apos;s limit). Make it smaller or upgrade the plan.</source>
        <translation>%1 est trop volumineux&#xa0;: cet environnement accepte les images jusqu’à %2 (limite du forfait). Réduisez sa taille ou passez à un forfait supérieur.</translation>
    </message>
    <message>
        <source>%1 is too large: this environment accepts videos and audio of up to %2 (the plan&apos;s limit). Make it smaller or upgrade the plan.</source>
        <translation>%1 est trop volumineux&#xa0;: cet environnement accepte les vidéos et l’audio jusqu’à %2 (limite du forfait). Réduisez sa taille ou passez à un forfait supérieur.</translation>
    </message>
    <message>
        <source>%1 is too large: this environment accepts other files of up to %2 (the plan&apos;s limit). Make it smaller or upgrade the plan.</source>
        <translation>%1 est trop volumineux&#xa0;: cet environnement accepte les autres fichiers jusqu’à %2 (limite du forfait). Réduisez sa taille ou passez à un forfait supérieur.</translation>
    </message>
    <message>
        <source>%1 must have a value.</source>
        <translation>%1 doit avoir une valeur.</translation>
    </message>
    <message>
        <source>%1 needs at least %2 characters.</source>
        <translation>%1 nécessite au moins %2 caractères.</translation>
    </message>
    <message>
        <source>%1 takes at most %2 characters.</source>
        <translation>%1 accepte au plus %2 caractères.</translation>
    </message>
    <message>
        <source>%1 takes a whole number, not “%2”.</source>
        <translation>%1 attend un nombre entier, pas «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>%1 takes a date (year-month-day), not “%2”.</source>
        <translation>%1 attend une date (année-mois-jour), pas «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>%1 must be %2 or more.</source>
        <translation>%1 doit être supérieur ou égal à %2.</translation>
    </message>
    <message>
        <source>%1 must be %2 or less.</source>
        <translation>%1 doit être inférieur ou égal à %2.</translation>
    </message>
    <message>
        <source>%1 takes one choice only.</source>
        <translation>%1 n’accepte qu’un seul choix.</translation>
    </message>
    <message>
        <source>“%2” is not one of the choices of %1.</source>
        <translation>«&#xa0;%2&#xa0;» ne fait pas partie des choix de %1.</translation>
    </message>
    <message>
        <source>This build of Stratus has no client ID for signing in with Cloudinary. Add the environment with its API key and secret instead.</source>
        <translation>Cette version de Stratus n’a pas d’identifiant client pour la connexion avec Cloudinary. Ajoutez plutôt l’environnement avec sa clé et son secret d’API.</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>Access was denied in the browser.</source>
        <translation>L’accès a été refusé dans le navigateur.</translation>
    </message>
    <message>
        <source>Access was denied in the browser: %1</source>
        <translation>L’accès a été refusé dans le navigateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>The browser did not come back to Stratus in time. Sign in again.</source>
        <translation>Le navigateur n’est pas revenu à Stratus à temps. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The browser came back with an answer that was not for this sign-in, so it was refused. Sign in again.</source>
        <translation>Le navigateur est revenu avec une réponse qui ne correspondait pas à cette connexion, elle a donc été refusée. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>Stratus could not wait for the browser on port %1 of this computer.</source>
        <translation>Stratus n’a pas pu attendre le navigateur sur le port %1 de cet ordinateur.</translation>
    </message>
    <message>
        <source>Stratus could not wait for the browser on port %1 of this computer: %2</source>
        <translation>Stratus n’a pas pu attendre le navigateur sur le port %1 de cet ordinateur&#xa0;: %2</translation>
    </message>
    <message>
        <source>The sign-in server gave an answer Stratus cannot use.</source>
        <translation>Le serveur de connexion a donné une réponse que Stratus ne peut pas utiliser.</translation>
    </message>
    <message>
        <source>The sign-in server gave an answer Stratus cannot use: %1</source>
        <translation>Le serveur de connexion a donné une réponse que Stratus ne peut pas utiliser&#xa0;: %1</translation>
    </message>
    <message>
        <source>The sign-in server refused the sign-in. Sign in again.</source>
        <translation>Le serveur de connexion a refusé la connexion. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The sign-in server refused the sign-in (%1). Sign in again.</source>
        <translation>Le serveur de connexion a refusé la connexion (%1). Reconnectez-vous.</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was revoked. Sign in again.</source>
        <translation>Votre connexion a expiré ou a été révoquée. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The keychain holds no sign-in for this environment. Sign in again.</source>
        <translation>Le trousseau de clés ne contient aucune connexion pour cet environnement. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The sign-in stored in the keychain cannot be read. Sign in again.</source>
        <translation>La connexion enregistrée dans le trousseau de clés ne peut pas être lue. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>Another Stratus program kept the sign-in busy for too long (%1). Try again.</source>
        <translation>Un autre programme Stratus a bloqué la connexion trop longtemps (%1). Réessayez.</translation>
    </message>
    <message>
        <source>This needs the environment&apos;s API secret, and the environment is signed in with Cloudinary instead. Add it with its API key to sign URLs.</source>
        <translation>Cela exige le secret d’API de l’environnement, or cet environnement est connecté avec Cloudinary. Ajoutez-le avec sa clé d’API pour signer des URL.</translation>
    </message>
    <message>
        <source>The Upload widget asked for a signature of something that is not one of its uploads. Nothing was signed.</source>
        <translation>Le widget de téléversement a demandé la signature de quelque chose qui n’est pas l’un de ses téléversements. Rien n’a été signé.</translation>
    </message>
    <message>
        <source>The Upload widget asked for a signature without a valid time. Nothing was signed.</source>
        <translation>Le widget de téléversement a demandé une signature sans heure valide. Rien n’a été signé.</translation>
    </message>
    <message>
        <source>The Upload widget asked for a signature with a time %1 seconds behind this computer&apos;s clock (at most 600 are accepted). Nothing was signed; if this repeats, check the computer&apos;s clock.</source>
        <translation>Le widget de téléversement a demandé une signature avec une heure en retard de %1 secondes sur l’horloge de cet ordinateur (600 au plus sont acceptées). Rien n’a été signé ; si cela se reproduit, vérifiez l’horloge de l’ordinateur.</translation>
    </message>
    <message>
        <source>The Upload widget asked for a signature with a time %1 seconds ahead of this computer&apos;s clock (at most 600 are accepted). Nothing was signed; if this repeats, check the computer&apos;s clock.</source>
        <translation>Le widget de téléversement a demandé une signature avec une heure en avance de %1 secondes sur l’horloge de cet ordinateur (600 au plus sont acceptées). Rien n’a été signé ; si cela se reproduit, vérifiez l’horloge de l’ordinateur.</translation>
    </message>
    <message>
        <source>The Upload widget asked to sign “%1” with another value than the one chosen in Stratus. Nothing was signed.</source>
        <translation>Le widget de téléversement a demandé de signer « %1 » avec une autre valeur que celle choisie dans Stratus. Rien n’a été signé.</translation>
    </message>
    <message>
        <source>The Upload widget asked to sign “%1”, which Stratus does not allow for its uploads. Nothing was signed.</source>
        <translation>Le widget de téléversement a demandé de signer « %1 », ce que Stratus n’autorise pas pour ses téléversements. Rien n’a été signé.</translation>
    </message>
    <message>
        <source>The Upload widget asked to sign “%1” with a value that is neither text, a number nor a list. Nothing was signed.</source>
        <translation>Le widget de téléversement a demandé de signer « %1 » avec une valeur qui n’est ni un texte, ni un nombre, ni une liste. Rien n’a été signé.</translation>
    </message>
</context>
</TS>
