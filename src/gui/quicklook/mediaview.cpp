#include "mediaview.h"

#include <QAudio>
#include <QAudioDevice>
#include <QAudioOutput>
#include <QBoxLayout>
#include <QCoreApplication>
#include <QDir>
#include <QIcon>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QMediaDevices>
#include <QPainter>
#include <QPainterPath>
#include <QPluginLoader>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVideoFrame>
#include <QVideoSink>

#include <algorithm>
#include <limits>

namespace stratus::gui {

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSeekStep = 5000;
constexpr int kVolumeStep = 10;
constexpr int kDefaultVolume = 80;
const QColor kStage(0x1e, 0x1e, 0x1e);
const QColor kStageText(0xdd, 0xdd, 0xdd);

QString clockText(qint64 milliseconds)
{
    const qint64 total = std::max<qint64>(0, milliseconds) / 1000;
    const qint64 hours = total / 3600;
    const qint64 minutes = (total / 60) % 60;
    const qint64 seconds = total % 60;
    if (hours > 0)
        return u"%1:%2:%3"_s.arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(seconds, 2, 10, QLatin1Char('0'));
    return u"%1:%2"_s.arg(minutes).arg(seconds, 2, 10, QLatin1Char('0'));
}
} // namespace

/// The picture of a MediaView: the current frame, else the poster, else (audio) a note; a play
/// symbol while paused and a message box when something is wrong. A click plays or pauses.
class VideoCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit VideoCanvas(QWidget *parent)
        : QWidget(parent)
    {
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
        setMinimumSize(160, 90);
        setAttribute(Qt::WA_OpaquePaintEvent);
        setCursor(Qt::PointingHandCursor);
    }

    QImage frame;
    QImage poster;
    QString message;
    bool audioOnly = false;
    bool paused = true;

Q_SIGNALS:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
            Q_EMIT clicked();
    }

    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), kStage);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const QImage &picture = frame.isNull() ? poster : frame;
        if (audioOnly && frame.isNull()) {
            const int side = std::min(160, std::min(width(), height()) / 2);
            const QIcon note
                = QIcon::fromTheme(u"audio-x-generic"_s, style()->standardIcon(QStyle::SP_MediaVolume));
            note.paint(&painter,
                       QRect(0, 0, side, side).translated(rect().center() - QPoint(side / 2, side / 2)));
        } else if (!picture.isNull()) {
            // Videos fill the stage (enlarged if need be), as players do.
            const QSizeF fitted = QSizeF(picture.size()).scaled(QSizeF(size()), Qt::KeepAspectRatio);
            const QRectF target(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2),
                                fitted);
            painter.drawImage(target, picture);
        }
        if (!message.isEmpty()) {
            paintMessage(painter);
            return;
        }
        if (paused)
            paintPlaySymbol(painter);
    }

private:
    void paintPlaySymbol(QPainter &painter) const
    {
        const double radius = std::min(36.0, std::min(width(), height()) / 6.0);
        const QPointF centre = QRectF(rect()).center();
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0, 0, 0, 150));
        painter.drawEllipse(centre, radius, radius);
        QPainterPath triangle;
        triangle.moveTo(centre + QPointF(-radius * 0.35, -radius * 0.5));
        triangle.lineTo(centre + QPointF(radius * 0.55, 0));
        triangle.lineTo(centre + QPointF(-radius * 0.35, radius * 0.5));
        triangle.closeSubpath();
        painter.setBrush(QColor(255, 255, 255, 230));
        painter.drawPath(triangle);
    }

    void paintMessage(QPainter &painter) const
    {
        const int boxWidth = std::min(width() - 40, 520);
        const QRect bounds = painter.fontMetrics().boundingRect(QRect(0, 0, boxWidth - 32, 1000),
                                                                Qt::AlignCenter | Qt::TextWordWrap, message);
        QRect box(0, 0, boxWidth, bounds.height() + 28);
        box.moveCenter(rect().center());
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0, 0, 0, 190));
        painter.drawRoundedRect(box, 8, 8);
        painter.setPen(kStageText);
        painter.drawText(box.adjusted(16, 14, -16, -14), Qt::AlignCenter | Qt::TextWordWrap, message);
    }
};

MediaView::MediaView(QWidget *parent)
    : QWidget(parent)
    // Qt 6.4 aborts the process when a QMediaPlayer (or any multimedia object) is made without a
    // backend, so none is made then; outputs only for a working player.
    , m_player(mediaBackendPresent() ? new QMediaPlayer(this) : nullptr)
    , m_audio(m_player && m_player->isAvailable() ? new QAudioOutput(this) : nullptr)
    , m_sink(m_audio ? new QVideoSink(this) : nullptr)
    , m_canvas(new VideoCanvas(this))
    , m_playButton(new QToolButton(this))
    , m_seekSlider(new QSlider(Qt::Horizontal, this))
    , m_timeLabel(new QLabel(this))
    , m_muteButton(new QToolButton(this))
    , m_volumeSlider(new QSlider(Qt::Horizontal, this))
{
    if (m_audio) {
        m_player->setAudioOutput(m_audio);
        m_player->setVideoSink(m_sink);
        connect(m_sink, &QVideoSink::videoFrameChanged, this, &MediaView::showFrame);
    }
    m_canvas->setAccessibleName(tr("Video"));

    // The dialog keeps the keyboard (Space, arrows); the controls are for the mouse, and every one
    // of them has a key (handleKey).
    m_playButton->setFocusPolicy(Qt::NoFocus);
    m_playButton->setAutoRaise(true);
    m_playButton->setAccessibleName(tr("Play"));
    m_seekSlider->setFocusPolicy(Qt::NoFocus);
    m_seekSlider->setAccessibleName(tr("Position"));
    m_seekSlider->setToolTip(tr("Position (Shift+Left and Shift+Right jump 5 seconds)"));
    m_timeLabel->setAccessibleName(tr("Time"));
    m_timeLabel->setMinimumWidth(m_timeLabel->fontMetrics().horizontalAdvance(u"00:00 / 00:00"_s));
    m_timeLabel->setAlignment(Qt::AlignCenter);
    m_muteButton->setFocusPolicy(Qt::NoFocus);
    m_muteButton->setAutoRaise(true);
    m_muteButton->setAccessibleName(tr("Mute"));
    m_muteButton->setCheckable(true);
    m_volumeSlider->setFocusPolicy(Qt::NoFocus);
    m_volumeSlider->setRange(0, 100);
    m_volumeSlider->setFixedWidth(96);
    m_volumeSlider->setAccessibleName(tr("Volume"));
    m_volumeSlider->setToolTip(tr("Volume (Shift+Up and Shift+Down)"));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(8, 4, 10, 0);
    controls->setSpacing(8);
    controls->addWidget(m_playButton);
    controls->addWidget(m_seekSlider, 1);
    controls->addWidget(m_timeLabel);
    controls->addWidget(m_muteButton);
    controls->addWidget(m_volumeSlider);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_canvas, 1);
    layout->addLayout(controls);

    connect(m_canvas, &VideoCanvas::clicked, this, &MediaView::togglePlayback);
    connect(m_playButton, &QToolButton::clicked, this, &MediaView::togglePlayback);
    connect(m_muteButton, &QToolButton::clicked, this, &MediaView::toggleMute);
    connect(m_volumeSlider, &QSlider::valueChanged, this, &MediaView::setVolumePercent);
    if (m_player)
        connectPlayer();

    setVolumePercent(kDefaultVolume);
    if (!isBackendAvailable())
        showError(tr("Video and audio cannot be played on this system: Qt Multimedia has no media backend. "
                     "Install the GStreamer plugins (gstreamer1.0-plugins-good, gstreamer1.0-libav)."));
    updateControls();
    updateTime();
}

void MediaView::connectPlayer()
{
    // Seek where the slider is let go or clicked, not on every pixel of a drag: each seek of a
    // stream is a new byte range.
    connect(m_seekSlider, &QSlider::sliderReleased, this,
            [this] { m_player->setPosition(m_seekSlider->value()); });
    connect(m_seekSlider, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove)
            m_player->setPosition(m_seekSlider->sliderPosition());
    });
    connect(m_seekSlider, &QSlider::sliderMoved, this,
            [this](int position) { m_timeLabel->setText(timeText(position, m_player->duration())); });

    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 duration) {
        m_seekSlider->setRange(0, int(std::min<qint64>(duration, std::numeric_limits<int>::max())));
        updateTime();
    });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this] { updateTime(); });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this] { updateControls(); });
    connect(m_player, &QMediaPlayer::seekableChanged, this, [this] { updateControls(); });
    connect(
        m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error error, const QString &text) {
            if (error != QMediaPlayer::NoError)
                showError(
                    tr("This media cannot be played: %1").arg(text.isEmpty() ? tr("unknown error") : text));
        });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
        if (status == QMediaPlayer::InvalidMedia && !m_failed)
            showError(tr("This media cannot be played: its format is not supported here."));
        // At the end it is ready to play again from the start.
        if (status == QMediaPlayer::EndOfMedia)
            m_player->setPosition(0);
        updateControls();
    });
}

MediaView::~MediaView()
{
    // Stop before the sink and output (children) go, so the backend delivers nothing to them.
    if (isBackendAvailable())
        m_player->stop();
}

bool MediaView::mediaBackendPresent()
{
    // What QPlatformMediaIntegration would load: a multimedia plugin (the one QT_MEDIA_BACKEND
    // names, if set) that loads. Its metadata is read without loading it; loading it then is what
    // Qt would do anyway.
    static const bool present = [] {
        const QString wanted = qEnvironmentVariable("QT_MEDIA_BACKEND");
        for (const QString &path : QCoreApplication::libraryPaths()) {
            const QDir plugins(path + u"/multimedia"_s);
            for (const QString &name : plugins.entryList(QDir::Files)) {
                QPluginLoader plugin(plugins.filePath(name));
                const QJsonObject meta = plugin.metaData();
                if (!meta.value(u"IID"_s).toString().contains(u"QPlatformMediaPlugin"_s))
                    continue;
                const QJsonArray keys = meta.value(u"MetaData"_s).toObject().value(u"Keys"_s).toArray();
                if ((wanted.isEmpty() || keys.contains(wanted)) && plugin.load())
                    return true;
            }
        }
        return false;
    }();
    return present;
}

bool MediaView::isBackendAvailable() const
{
    return m_player && m_player->isAvailable();
}

QString MediaView::message() const
{
    return m_canvas->message;
}

QImage MediaView::currentFrame() const
{
    return m_canvas->frame;
}

int MediaView::volumePercent() const
{
    return m_volumeSlider->value();
}

bool MediaView::isMuted() const
{
    return m_audio && m_audio->isMuted();
}

QString MediaView::timeText() const
{
    return m_timeLabel->text();
}

QString MediaView::timeText(qint64 positionMs, qint64 durationMs)
{
    if (durationMs <= 0)
        return clockText(positionMs);
    return tr("%1 / %2", "position / duration").arg(clockText(positionMs), clockText(durationMs));
}

void MediaView::setSource(const QUrl &url, bool audioOnly)
{
    clear();
    m_source = url;
    m_canvas->audioOnly = audioOnly;
    m_canvas->setAccessibleName(audioOnly ? tr("Audio") : tr("Video"));
    if (!isBackendAvailable()) {
        updateControls();
        return;
    }
    m_failed = false;
    m_canvas->message.clear();
    m_player->setSource(url);
    updateControls();
    m_canvas->update();
}

void MediaView::setPoster(const QImage &poster)
{
    m_canvas->poster = poster;
    m_canvas->update();
}

void MediaView::setMessage(const QString &text)
{
    clear();
    showError(text);
}

void MediaView::clear()
{
    if (isBackendAvailable()) {
        m_player->stop();
        m_player->setSource(QUrl());
    }
    m_source.clear();
    m_canvas->frame = {};
    m_canvas->poster = {};
    m_canvas->audioOnly = false;
    // Without a backend the explanation stays whatever is shown.
    m_failed = !isBackendAvailable();
    if (!m_failed)
        m_canvas->message.clear();
    m_seekSlider->setRange(0, 0);
    updateControls();
    updateTime();
    m_canvas->update();
}

void MediaView::togglePlayback()
{
    if (!m_player || m_failed || m_source.isEmpty())
        return;
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->pause();
    else
        m_player->play();
}

void MediaView::seekBy(qint64 milliseconds)
{
    if (!m_player || m_failed || m_source.isEmpty())
        return;
    const qint64 end = m_player->duration() > 0 ? m_player->duration() : std::numeric_limits<qint64>::max();
    m_player->setPosition(std::clamp<qint64>(m_player->position() + milliseconds, 0, end));
}

void MediaView::setVolumePercent(int percent)
{
    percent = std::clamp(percent, 0, 100);
    if (m_volumeSlider->value() != percent) {
        m_volumeSlider->setValue(percent); // comes back here through valueChanged
        return;
    }
    // The slider follows the ear (logarithmic); the output takes a linear factor.
    if (m_audio)
        m_audio->setVolume(float(QAudio::convertVolume(percent / 100.0, QAudio::LogarithmicVolumeScale,
                                                       QAudio::LinearVolumeScale)));
    updateControls();
}

void MediaView::toggleMute()
{
    if (m_audio)
        m_audio->setMuted(!m_audio->isMuted());
    updateControls();
}

bool MediaView::handleKey(QKeyEvent *event)
{
    const bool shift = event->modifiers().testFlag(Qt::ShiftModifier);
    switch (event->key()) {
    case Qt::Key_Space:
        togglePlayback();
        return true;
    case Qt::Key_M:
        toggleMute();
        return true;
    case Qt::Key_Left:
    case Qt::Key_Right:
        if (!shift)
            return false;
        seekBy(event->key() == Qt::Key_Left ? -kSeekStep : kSeekStep);
        return true;
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (!shift)
            return false;
        setVolumePercent(volumePercent() + (event->key() == Qt::Key_Up ? kVolumeStep : -kVolumeStep));
        return true;
    default:
        return false;
    }
}

void MediaView::showFrame(const QVideoFrame &frame)
{
    if (!frame.isValid())
        return;
    m_canvas->frame = frame.toImage();
    m_canvas->update();
    Q_EMIT frameShown();
}

void MediaView::updateControls()
{
    const bool playing = m_player && m_player->playbackState() == QMediaPlayer::PlayingState;
    const bool usable = isBackendAvailable() && !m_failed && !m_source.isEmpty();
    m_playButton->setEnabled(usable);
    m_playButton->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_playButton->setToolTip(playing ? tr("Pause (Space)") : tr("Play (Space)"));
    m_playButton->setAccessibleName(playing ? tr("Pause") : tr("Play"));
    m_seekSlider->setEnabled(usable && m_player->isSeekable());
    const bool haveOutput = usable && !QMediaDevices::audioOutputs().isEmpty();
    m_muteButton->setEnabled(usable);
    m_muteButton->setChecked(isMuted());
    m_muteButton->setIcon(
        style()->standardIcon(isMuted() ? QStyle::SP_MediaVolumeMuted : QStyle::SP_MediaVolume));
    m_volumeSlider->setEnabled(usable);
    m_muteButton->setToolTip(haveOutput ? tr("Mute (M)")
                                        : tr("No sound output device was found; the media plays silently."));
    m_canvas->paused = !playing;
    m_canvas->update();
}

void MediaView::updateTime()
{
    if (!m_player) {
        m_timeLabel->setText(timeText(0, 0));
        return;
    }
    if (!m_seekSlider->isSliderDown())
        m_seekSlider->setValue(int(std::min<qint64>(m_player->position(), std::numeric_limits<int>::max())));
    m_timeLabel->setText(timeText(m_player->position(), m_player->duration()));
}

void MediaView::showError(const QString &text)
{
    m_failed = true;
    m_canvas->message = text;
    updateControls();
}

} // namespace stratus::gui

#include "mediaview.moc"
