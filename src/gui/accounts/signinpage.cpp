#include "signinpage.h"

#include "core/auth/oauthsignin.h"
#include "gui/errors/errorpresenter.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFontMetrics>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    label->setFont(font);
    label->setWordWrap(true);
    return label;
}

QLabel *paragraph(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

QProgressBar *busyBar(QWidget *parent)
{
    auto *bar = new QProgressBar(parent);
    bar->setRange(0, 0);
    bar->setTextVisible(false);
    bar->setMaximumHeight(8);
    return bar;
}

// The words the browser shows after it came back to Stratus, in the person's language.
QByteArray resultPage(const QString &title, const QString &text)
{
    return u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
           "<style>body{font-family:sans-serif;margin:4em auto;max-width:32em;color:#1f2937}"
           "h1{font-size:1.4em}</style></head><body><h1>%1</h1><p>%2</p></body></html>"_s
               .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
               .toUtf8();
}

} // namespace

SignInPage::SignInPage(QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent)
    , m_network(network)
{
    setObjectName(u"signInPage"_s);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(buildStart());
    m_stack->addWidget(buildWaiting());
    m_stack->addWidget(buildWorking());
    m_stack->addWidget(buildFailed());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    setConfigs(core::OAuthConfig::fromBuild(), std::nullopt);
}

SignInPage::~SignInPage()
{
    if (m_signIn)
        m_signIn->cancel();
}

QWidget *SignInPage::buildStart()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"signInStart"_s);
    auto *layout = new QVBoxLayout(page);
    m_introLabel
        = paragraph(tr("Your web browser opens, you sign in to Cloudinary there, and Stratus adds the "
                       "product environment you allow it to use. No API keys needed: this works also "
                       "when your role cannot see them."),
                    page);
    m_introLabel->setObjectName(u"signInIntro"_s);
    layout->addWidget(m_introLabel);
    layout->addSpacing(8);

    m_signInButton = new QPushButton(tr("Sign In with Cloudinary…"), page);
    m_signInButton->setObjectName(u"signInButton"_s);
    QFont bold = m_signInButton->font();
    bold.setBold(true);
    m_signInButton->setFont(bold);
    m_signInButton->setMinimumHeight(m_signInButton->sizeHint().height() * 3 / 2);
    m_signInButton->setAutoDefault(true);
    m_signInButton->setDefault(true);
    connect(m_signInButton, &QPushButton::clicked, this, [this] { begin(m_cloudinary); });
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_signInButton);
    buttonRow->addStretch();
    layout->addLayout(buttonRow);

    m_unavailableLabel = paragraph({}, page);
    m_unavailableLabel->setObjectName(u"signInUnavailableLabel"_s);
    m_unavailableLabel->setText(tr("This build of Stratus has no client ID for Cloudinary’s sign-in, and it "
                                   "borrows no other application’s. Add the product environment with its API "
                                   "key instead."));
    m_unavailableLabel->hide();
    layout->addWidget(m_unavailableLabel);
    m_apiKeysButton = new QPushButton(tr("Use &API Keys"), page);
    m_apiKeysButton->setObjectName(u"useApiKeysButton"_s);
    m_apiKeysButton->setAutoDefault(true);
    m_apiKeysButton->hide();
    connect(m_apiKeysButton, &QPushButton::clicked, this, &SignInPage::apiKeysRequested);
    auto *keysRow = new QHBoxLayout;
    keysRow->setContentsMargins(0, 4, 0, 0);
    keysRow->addWidget(m_apiKeysButton);
    keysRow->addStretch();
    layout->addLayout(keysRow);

    m_sandboxBox = new QWidget(page);
    m_sandboxBox->setObjectName(u"sandboxSignInBox"_s);
    auto *sandboxLayout = new QVBoxLayout(m_sandboxBox);
    sandboxLayout->setContentsMargins(0, 12, 0, 0);
    auto *line = new QFrame(m_sandboxBox);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    sandboxLayout->addWidget(line);
    sandboxLayout->addWidget(
        paragraph(tr("To try it out first: the Local sandbox on this computer has a sign-in "
                     "of its own. Its login page shows the password."),
                  m_sandboxBox));
    m_sandboxButton = new QPushButton(tr("Sign In to the &Local Sandbox…"), m_sandboxBox);
    m_sandboxButton->setObjectName(u"sandboxSignInButton"_s);
    m_sandboxButton->setAutoDefault(true);
    connect(m_sandboxButton, &QPushButton::clicked, this, [this] {
        if (m_localSandbox)
            begin(*m_localSandbox);
    });
    auto *sandboxRow = new QHBoxLayout;
    sandboxRow->addWidget(m_sandboxButton);
    sandboxRow->addStretch();
    sandboxLayout->addLayout(sandboxRow);
    m_sandboxBox->hide();
    layout->addWidget(m_sandboxBox);
    layout->addStretch();
    return page;
}

QWidget *SignInPage::buildWaiting()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"signInWaiting"_s);
    auto *layout = new QVBoxLayout(page);
    auto *title = heading(tr("Waiting for your browser…"), page);
    title->setObjectName(u"waitingHeading"_s);
    layout->addWidget(title);
    layout->addWidget(paragraph(tr("Sign in to Cloudinary in your web browser and allow Stratus in. Stratus "
                                   "goes on by itself once you have."),
                                page));
    layout->addWidget(busyBar(page));
    layout->addSpacing(8);

    auto *linkLabel = paragraph(tr("No browser opened? Open this &link in one:"), page);
    layout->addWidget(linkLabel);
    m_linkEdit = new QLineEdit(page);
    m_linkEdit->setObjectName(u"signInLinkEdit"_s);
    m_linkEdit->setReadOnly(true);
    m_linkEdit->setAccessibleName(tr("Sign-in link"));
    linkLabel->setBuddy(m_linkEdit);
    layout->addWidget(m_linkEdit);

    auto *buttons = new QHBoxLayout;
    auto *copy = new QPushButton(tr("&Copy Link"), page);
    copy->setObjectName(u"copyLinkButton"_s);
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_authorizeUrl.toString(QUrl::FullyEncoded));
        m_browserStatusLabel->setText(tr("The link is on the clipboard."));
        m_browserStatusLabel->show();
    });
    auto *again = new QPushButton(tr("&Open Browser Again"), page);
    again->setObjectName(u"openBrowserButton"_s);
    connect(again, &QPushButton::clicked, this, &SignInPage::openBrowser);
    // Not just "Cancel": the dialog has one of its own, below.
    m_cancelButton = new QPushButton(tr("Cancel Sign-In"), page);
    m_cancelButton->setObjectName(u"cancelSignInButton"_s);
    connect(m_cancelButton, &QPushButton::clicked, this, &SignInPage::cancel);
    for (QPushButton *button : {copy, again, m_cancelButton})
        button->setAutoDefault(false);
    buttons->addWidget(copy);
    buttons->addWidget(again);
    buttons->addStretch();
    buttons->addWidget(m_cancelButton);
    layout->addLayout(buttons);

    m_browserStatusLabel = paragraph({}, page);
    m_browserStatusLabel->setObjectName(u"browserStatusLabel"_s);
    m_browserStatusLabel->hide();
    layout->addWidget(m_browserStatusLabel);
    layout->addStretch();
    return page;
}

QWidget *SignInPage::buildWorking()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"signInWorking"_s);
    auto *layout = new QVBoxLayout(page);
    m_workingLabel = heading(tr("Finishing sign-in…"), page);
    m_workingLabel->setObjectName(u"workingLabel"_s);
    layout->addWidget(m_workingLabel);
    layout->addWidget(busyBar(page));
    layout->addStretch();
    return page;
}

QWidget *SignInPage::buildFailed()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"signInFailed"_s);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(heading(tr("Signing in did not work"), page));
    m_failureLabel = paragraph({}, page);
    m_failureLabel->setObjectName(u"signInFailureLabel"_s);
    m_failureLabel->setTextFormat(Qt::RichText);
    m_failureLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_failureLabel);
    m_tryAgainButton = new QPushButton(tr("&Try Again"), page);
    m_tryAgainButton->setObjectName(u"tryAgainButton"_s);
    m_tryAgainButton->setAutoDefault(true);
    connect(m_tryAgainButton, &QPushButton::clicked, this, [this] { begin(m_config); });
    auto *row = new QHBoxLayout;
    row->addWidget(m_tryAgainButton);
    row->addStretch();
    layout->addLayout(row);
    layout->addStretch();
    return page;
}

void SignInPage::setConfigs(const core::OAuthConfig &cloudinary,
                            const std::optional<core::OAuthConfig> &localSandbox)
{
    m_cloudinary = cloudinary;
    m_localSandbox = localSandbox;
    const bool available = cloudinary.canSignIn();
    m_signInButton->setEnabled(available);
    m_signInButton->setText(available ? tr("Sign In with Cloudinary…")
                                      : tr("Sign in with Cloudinary is not available in this build"));
    m_signInButton->setDefault(available);
    // Prominent, not a bar across the page: its words with room around them, at the start of the line.
    const QFontMetrics metrics(m_signInButton->font());
    m_signInButton->setMinimumWidth(metrics.horizontalAdvance(m_signInButton->text())
                                    + 8 * metrics.averageCharWidth());
    m_unavailableLabel->setVisible(!available);
    m_apiKeysButton->setVisible(!available);
    m_apiKeysButton->setDefault(!available && !localSandbox.has_value());
    // What signing in does is no news when it cannot be done at all.
    m_introLabel->setVisible(available || localSandbox.has_value());
    m_sandboxBox->setVisible(localSandbox.has_value());
    m_sandboxButton->setDefault(!available && localSandbox.has_value());
}

void SignInPage::setIntro(const QString &text)
{
    m_introLabel->setText(text);
}

void SignInPage::begin(const core::OAuthConfig &config)
{
    if (m_signIn)
        m_signIn->cancel();
    delete m_signIn;
    m_config = config;
    m_authorizeUrl.clear();
    auto *signIn = new core::OAuthSignIn(m_network, config, this);
    m_signIn = signIn;
    if (m_loginHint.contains(u'@'))
        signIn->setLoginHint(m_loginHint);
    signIn->setPages(resultPage(tr("You are signed in"),
                                tr("Stratus has what it needs. Close this tab and go back to Stratus.")),
                     resultPage(tr("Signing in did not work"),
                                tr("Go back to Stratus: it says what went wrong and lets you try again.")));
    connect(signIn, &core::OAuthSignIn::browserReturned, this,
            [this] { showProgress(tr("Finishing sign-in…")); });
    connect(signIn, &core::OAuthSignIn::succeeded, this,
            [this, signIn](const core::TokenPair &tokens, const core::AccessTokenClaims &claims) {
                signIn->deleteLater();
                showProgress(tr("Finishing sign-in…"));
                Q_EMIT signedIn(tokens, claims);
            });
    connect(signIn, &core::OAuthSignIn::failed, this, [this, signIn](const core::Error &error) {
        signIn->deleteLater();
        showFailure(error);
    });
    auto url = signIn->start();
    if (!url) {
        delete signIn;
        showFailure(url.error());
        return;
    }
    m_authorizeUrl = url.value();
    m_linkEdit->setText(m_authorizeUrl.toString(QUrl::FullyEncoded));
    m_linkEdit->setCursorPosition(0);
    m_browserStatusLabel->hide();
    setState(Waiting);
    openBrowser();
}

void SignInPage::openBrowser()
{
    if (m_authorizeUrl.isEmpty())
        return;
    if (!QDesktopServices::openUrl(m_authorizeUrl)) {
        m_browserStatusLabel->setText(
            tr("No web browser could be started. Copy the link and open it in one."));
        m_browserStatusLabel->show();
    }
}

void SignInPage::cancel()
{
    if (m_signIn) {
        m_signIn->cancel();
        m_signIn->deleteLater();
    }
    showStart();
}

bool SignInPage::isBusy() const
{
    return m_state == Waiting || m_state == Working;
}

void SignInPage::showProgress(const QString &text)
{
    m_workingLabel->setText(text);
    setState(Working);
}

void SignInPage::showFailure(const QString &richText)
{
    m_failureLabel->setText(richText);
    setState(Failed);
    m_tryAgainButton->setFocus();
}

void SignInPage::showFailure(const core::Error &error)
{
    showFailure(ErrorPresenter::richText(error));
}

void SignInPage::showStart()
{
    m_authorizeUrl.clear();
    m_linkEdit->clear();
    setState(Start);
}

void SignInPage::setState(State state)
{
    const bool wasBusy = isBusy();
    m_state = state;
    m_stack->setCurrentIndex(int(state));
    if (state == Waiting)
        m_cancelButton->setFocus();
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}

} // namespace stratus::gui
