#pragma once

#include "words/errorwords.h"

#include <QString>

#include <functional>

class QWidget;

namespace stratus::gui {

/// How the app shows a core::Error (issue 12, point 3): the words are words::ErrorWords' (the one
/// place that words errors, shared with stratus-cli), the remedy its button. Pages that need more
/// context put their own sentence first and these words after it. Inline errors use ErrorBanner;
/// errors that stop what the person asked for use messageBox(). GUI thread.
class ErrorPresenter
{
public:
    /// What the remedy button does; called at most once, only when the person chose the remedy.
    using RemedyHandler = std::function<void(words::Remedy)>;

    /// The words, plain text.
    [[nodiscard]] static QString text(const core::Error &error);
    /// The words escaped for a rich-text label.
    [[nodiscard]] static QString richText(const core::Error &error);
    /// `context` (what failed, plain text; may be empty), then the words.
    [[nodiscard]] static QString text(const QString &context, const core::Error &error);

    /// A warning box with `context` as its text, the words as the informative text, Close, and the
    /// remedy's button when `onRemedy` is set and the error has one. Modal; returns once closed.
    static void messageBox(QWidget *parent, const QString &title, const QString &context,
                           const core::Error &error, const RemedyHandler &onRemedy = {});
};

} // namespace stratus::gui
