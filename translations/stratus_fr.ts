<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
</context>
<context>
    <name>stratus::gui::AboutDialog</name>
    <message>
        <source>About Stratus</source>
        <translation>À propos de Stratus</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Stratus %1&lt;/h3&gt;&lt;p&gt;A native desktop client for Cloudinary.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;&lt;p&gt;Licensed under the MIT License.&lt;/p&gt;&lt;p&gt;Report problems: &lt;a href="%4"&gt;%4&lt;/a&gt;&lt;br&gt;Documentation: &lt;a href="%5"&gt;%5&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Stratus %1&lt;/h3&gt;&lt;p&gt;Un client de bureau natif pour Cloudinary.&lt;/p&gt;&lt;p&gt;Compilé avec Qt %2 (exécuté avec Qt %3).&lt;/p&gt;&lt;p&gt;Distribué sous licence MIT.&lt;/p&gt;&lt;p&gt;Signaler un problème : &lt;a href="%4"&gt;%4&lt;/a&gt;&lt;br&gt;Documentation : &lt;a href="%5"&gt;%5&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stratus::gui::MainWindow</name>
    <message>
        <source>No product environment yet</source>
        <translation>Aucun environnement de produit pour l’instant</translation>
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
        <translation>Stratus est un espace de bureau rapide pour les images, vidéos et fichiers que vous conservez dans Cloudinary : parcourez, recherchez, téléversez et transformez-les dans tous vos comptes et environnements de produit.</translation>
    </message>
</context>
</TS>
