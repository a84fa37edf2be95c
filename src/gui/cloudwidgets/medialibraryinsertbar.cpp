#include "medialibraryinsertbar.h"

#include <QApplication>
#include <QClipboard>
#include <QDrag>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QMouseEvent>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {
constexpr int kMaxChips = 8;
}

MediaLibraryInsertBar::MediaLibraryInsertBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"useInStratusBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setToolTip(tr("Drag these assets into another application, or use the buttons."));
    setCursor(Qt::OpenHandCursor);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    auto *left = new QVBoxLayout;
    left->setSpacing(4);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"useInStratusSummary"_s);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    left->addWidget(m_summary);
    m_chips = new QWidget(this);
    m_chipLayout = new QHBoxLayout(m_chips);
    m_chipLayout->setContentsMargins(0, 0, 0, 0);
    m_chipLayout->setSpacing(4);
    left->addWidget(m_chips);
    layout->addLayout(left, 1);

    m_copy = new QPushButton(tr("&Copy URLs"), this);
    m_copy->setObjectName(u"copyUrlsButton"_s);
    m_copy->setToolTip(tr("The delivery URLs, with the transformation you chose in the Media Library"));
    m_show = new QPushButton(tr("Show in &Browser"), this);
    m_show->setObjectName(u"showInBrowserButton"_s);
    m_download = new QPushButton(tr("&Download…"), this);
    m_download->setObjectName(u"downloadButton"_s);
    auto *close = new QToolButton(this);
    close->setObjectName(u"closeUseInStratus"_s);
    close->setText(u"\u2715"_s);
    close->setAutoRaise(true);
    close->setToolTip(tr("Put these assets away"));
    for (QWidget *button : {static_cast<QWidget *>(m_copy), static_cast<QWidget *>(m_show),
                            static_cast<QWidget *>(m_download), static_cast<QWidget *>(close)}) {
        button->setCursor(Qt::ArrowCursor);
        layout->addWidget(button, 0, Qt::AlignVCenter);
    }
    connect(m_copy, &QPushButton::clicked, this, &MediaLibraryInsertBar::copyUrls);
    connect(m_show, &QPushButton::clicked, this, &MediaLibraryInsertBar::showInBrowserRequested);
    connect(m_download, &QPushButton::clicked, this, &MediaLibraryInsertBar::downloadRequested);
    connect(close, &QToolButton::clicked, this, &MediaLibraryInsertBar::clear);
    hide();
}

void MediaLibraryInsertBar::setAssets(const QList<web::MediaLibraryAsset> &assets)
{
    m_assets = assets;
    while (QLayoutItem *item = m_chipLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (qsizetype i = 0; i < assets.size() && i < kMaxChips; ++i) {
        const web::MediaLibraryAsset &asset = assets.at(i);
        auto *chip = new QLabel(m_chips);
        chip->setObjectName(u"assetChip"_s);
        chip->setTextFormat(Qt::PlainText);
        const QString name
            = asset.displayName.isEmpty() ? asset.publicId.section(u'/', -1) : asset.displayName;
        chip->setText(asset.derivedUrls.isEmpty() ? name : tr("%1 (transformed)").arg(name));
        chip->setToolTip(asset.preferredUrl().toString());
        chip->setFrameShape(QFrame::StyledPanel);
        chip->setContentsMargins(6, 1, 6, 1);
        m_chipLayout->addWidget(chip);
    }
    if (assets.size() > kMaxChips) {
        auto *more = new QLabel(tr("and %n more", nullptr, int(assets.size() - kMaxChips)), m_chips);
        m_chipLayout->addWidget(more);
    }
    m_chipLayout->addStretch(1);
    m_summary->setText(summary());
    setVisible(!assets.isEmpty());
}

void MediaLibraryInsertBar::clear()
{
    setAssets({});
}

QString MediaLibraryInsertBar::summary() const
{
    return tr("%n asset(s) to use in Stratus", nullptr, int(m_assets.size()));
}

QStringList MediaLibraryInsertBar::urls() const
{
    QStringList lines;
    for (const web::MediaLibraryAsset &asset : m_assets)
        lines.append(asset.preferredUrl().toString(QUrl::FullyEncoded));
    return lines;
}

void MediaLibraryInsertBar::copyUrls()
{
    const QStringList lines = urls();
    if (lines.isEmpty())
        return;
    QApplication::clipboard()->setText(lines.join(u'\n'));
    Q_EMIT statusMessage(tr("Copied %n URL(s)", nullptr, int(lines.size())));
}

void MediaLibraryInsertBar::mousePressEvent(QMouseEvent *event)
{
    m_pressed = event->button() == Qt::LeftButton;
    m_pressAt = event->position().toPoint();
    QFrame::mousePressEvent(event);
}

void MediaLibraryInsertBar::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed || !(event->buttons() & Qt::LeftButton) || !m_mimeFactory || m_assets.isEmpty()
        || (event->position().toPoint() - m_pressAt).manhattanLength() < QApplication::startDragDistance()) {
        QFrame::mouseMoveEvent(event);
        return;
    }
    m_pressed = false;
    QMimeData *payload = m_mimeFactory(m_assets);
    if (payload == nullptr)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(payload);
    drag->exec(Qt::CopyAction);
}

} // namespace stratus::gui
