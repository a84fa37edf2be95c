#pragma once

#include <QImage>
#include <QMediaPlayer>
#include <QUrl>
#include <QWidget>

class QAudioOutput;
class QKeyEvent;
class QLabel;
class QSlider;
class QToolButton;
class QVideoFrame;
class QVideoSink;

namespace stratus::gui {

class VideoCanvas;

/// The quick look's player for videos and audio: the picture (the poster frame until the video
/// plays, a note for audio), play/pause, a seek slider, the time ("0:12 / 1:05"), mute and volume.
/// The media streams from its delivery URL through Qt Multimedia's backend (GStreamer or FFmpeg,
/// which fetch with HTTP byte ranges as they seek); frames come through a QVideoSink and are painted
/// here, so the view also works, and can be grabbed, where there is no native video window.
///
/// Without a media backend (QMediaPlayer::isAvailable() false) or when the media cannot be played,
/// it says so over the poster and disables its controls; nothing else breaks. Keys come from the
/// dialog through handleKey(). Owned by its parent (the quick look). GUI thread only.
class MediaView : public QWidget
{
    Q_OBJECT

public:
    explicit MediaView(QWidget *parent = nullptr);
    ~MediaView() override;

    /// Loads @p url, paused at the start (Space plays). @p audioOnly shows a note instead of frames.
    void setSource(const QUrl &url, bool audioOnly);
    /// The picture shown until the first frame arrives.
    void setPoster(const QImage &poster);
    /// No media to play: stops and shows @p text (why there is none), controls disabled.
    void setMessage(const QString &text);
    /// Stops and forgets the media (another asset is shown, the quick look closes).
    void clear();

    /// The player; null when there is no media backend (see mediaBackendPresent()).
    [[nodiscard]] QMediaPlayer *player() const { return m_player; }
    [[nodiscard]] QUrl source() const { return m_source; }
    /// False when Qt Multimedia has no backend that can play anything on this system.
    [[nodiscard]] bool isBackendAvailable() const;
    /// Whether Qt Multimedia has a backend plugin to load (the one QT_MEDIA_BACKEND names, if set).
    /// Checked before any multimedia object is made: Qt 6.4 aborts the process when one is made
    /// without a backend.
    [[nodiscard]] static bool mediaBackendPresent();
    /// What is said over the picture (an error, the missing backend), or empty.
    [[nodiscard]] QString message() const;
    [[nodiscard]] QString timeText() const;
    /// The last video frame painted (null before the first).
    [[nodiscard]] QImage currentFrame() const;
    [[nodiscard]] int volumePercent() const;
    [[nodiscard]] bool isMuted() const;

    /// "0:12 / 1:05" (hours when there are any); "0:12" when the duration is not known yet.
    [[nodiscard]] static QString timeText(qint64 positionMs, qint64 durationMs);

    void togglePlayback();
    /// Jumps @p milliseconds forward (back when negative), within the media.
    void seekBy(qint64 milliseconds);
    void setVolumePercent(int percent);
    void toggleMute();

    /// Space plays or pauses, Shift+Left/Right seek 5 s, Shift+Up/Down change the volume, M mutes.
    /// False for a key it does not use.
    bool handleKey(QKeyEvent *event);

Q_SIGNALS:
    /// A video frame arrived and is shown.
    void frameShown();

private:
    void connectPlayer();
    void showFrame(const QVideoFrame &frame);
    void updateControls();
    void updateTime();
    void showError(const QString &text);

    QMediaPlayer *m_player;
    QAudioOutput *m_audio;
    QVideoSink *m_sink;
    VideoCanvas *m_canvas;
    QToolButton *m_playButton;
    QSlider *m_seekSlider;
    QLabel *m_timeLabel;
    QToolButton *m_muteButton;
    QSlider *m_volumeSlider;
    QUrl m_source;
    bool m_failed = false;
};

} // namespace stratus::gui
