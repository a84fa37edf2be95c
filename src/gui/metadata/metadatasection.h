#pragma once

#include "gui/browser/browserenvironment.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;

namespace stratus::core::assets {
class AssetService;
}

namespace stratus::gui {

class MetadataEditor;

/// The structured metadata of the assets selected in the browser, editable: a MetadataEditor over
/// the field definitions the catalogue cached at the last sync, with Save and Revert. Save writes
/// only the fields the user changed to every asset shown (one Admin API update per asset, through
/// core::assets::AssetService, which writes each answer through to the catalogue), then emits
/// assetsChanged(). Errors are shown in the section, worded by words::ErrorWords.
///
/// Self-contained so that the details pane only hosts it: setAssets() when the selection changes,
/// reload() after a sync. The catalogue and the service must outlive it. GUI thread only.
class MetadataSection : public QWidget
{
    Q_OBJECT

public:
    MetadataSection(const BrowserEnvironment &env, core::assets::AssetService *assets,
                    QWidget *parent = nullptr);
    ~MetadataSection() override;

    /// Shows the metadata of @p assetIds (catalogue asset ids); unsaved edits are dropped.
    void setAssets(const QStringList &assetIds);
    /// Reads the field definitions and the assets' values again from the catalogue.
    void reload();

    [[nodiscard]] MetadataEditor *editor() const { return m_editor; }
    [[nodiscard]] bool isSaving() const { return m_pending > 0; }

public Q_SLOTS:
    void save();
    void revert();
    /// Re-reads whether the environment answers (Save is disabled while it does not).
    void refreshOnlineState() { updateActions(); }

Q_SIGNALS:
    /// A save succeeded for these assets (the catalogue holds their new values).
    void assetsChanged(const QStringList &assetIds);
    /// A save ended; @p error is empty on success, else the text shown.
    void saveFinished(const QString &error);

private:
    void updateActions();
    void showStatus(const QString &text, bool error);

    BrowserEnvironment m_env;
    core::assets::AssetService *m_assets;
    MetadataEditor *m_editor;
    QLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_revert;
    QStringList m_assetIds;
    int m_pending = 0;
    QStringList m_saved;
    QStringList m_errors;
};

} // namespace stratus::gui
