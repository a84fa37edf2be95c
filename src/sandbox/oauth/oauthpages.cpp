#include "oauthpages.h"

using namespace Qt::StringLiterals;

namespace stratus::sandbox::oauthpages {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

const QString kStyle = uR"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:#eef1f5;color:#1c2430;margin:0}
main{max-width:26rem;margin:8vh auto;background:#fff;border-radius:10px;padding:1.6rem 1.8rem;box-shadow:0 2px 12px #0002}
h1{font-size:1.25rem;margin:0 0 .3rem}
p.sub{color:#5a6575;margin:0 0 1.2rem}
label{display:block;font-weight:600;margin:.8rem 0 .3rem}
input[type=email],input[type=password]{box-sizing:border-box;width:100%;padding:.55rem .6rem;border:1px solid #b8c1cc;border-radius:6px;font:inherit}
.row{display:flex;gap:.6rem;justify-content:flex-end;margin-top:1.4rem}
button{font:inherit;padding:.5rem 1.1rem;border-radius:6px;border:1px solid #b8c1cc;background:#f6f8fa;cursor:pointer}
button.primary{background:#3448c5;border-color:#3448c5;color:#fff}
.error{background:#fdecea;color:#8a1c12;border-radius:6px;padding:.5rem .7rem}
.hint{background:#eef6ee;color:#24532a;border-radius:6px;padding:.5rem .7rem;margin-top:1rem}
ul{padding-left:1.2rem}
fieldset{border:1px solid #d5dbe2;border-radius:6px;margin-top:1rem}
fieldset label{font-weight:400;margin:.3rem 0}
small{color:#5a6575}
)"_s;

ApiResponse page(int status, const QString &title, const QString &body)
{
    const QString html = u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                         u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                         u"<title>%1 · stratus-sandbox</title><style>%2</style></head><body><main>%3"
                         u"<p><small>stratus-sandbox: a local stand-in for Cloudinary's sign-in.</small></p>"
                         u"</main></body></html>\n"_s.arg(esc(title), kStyle, body);
    ApiResponse response = ApiResponse::bytes(html.toUtf8(), "text/html; charset=utf-8", status);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return response;
}

QString hidden(const QString &name, const QString &value)
{
    return u"<input type=\"hidden\" name=\"%1\" value=\"%2\">"_s.arg(esc(name), esc(value));
}

} // namespace

ApiResponse login(const LoginPage &p)
{
    QString body = u"<h1>Sign in</h1><p class=\"sub\">to continue to <b>%1</b></p>"_s.arg(esc(p.clientName));
    if (!p.error.isEmpty())
        body += u"<p class=\"error\" role=\"alert\">%1</p>"_s.arg(esc(p.error));
    body += u"<form method=\"post\" action=\"/oauth2/auth\">"_s + hidden(u"request_id"_s, p.requestId)
        + u"<label for=\"email\">E-mail</label>"
          u"<input id=\"email\" type=\"email\" name=\"email\" autocomplete=\"username\" required "
          u"value=\"%1\"%2>"
          u"<label for=\"password\">Password</label>"
          u"<input id=\"password\" type=\"password\" name=\"password\" autocomplete=\"current-password\" "
          u"required%3>"
          u"<div class=\"row\"><button type=\"submit\" name=\"action\" value=\"deny\" formnovalidate>Cancel"
          u"</button><button class=\"primary\" type=\"submit\" name=\"action\" value=\"login\">Sign "
          u"in</button>"
          u"</div></form>"_s.arg(esc(p.email), p.email.isEmpty() ? u" autofocus"_s : QString(),
                                 p.email.isEmpty() ? QString() : u" autofocus"_s);
    if (!p.demoPassword.isEmpty())
        body += u"<p class=\"hint\">Demo user of this local sandbox: <b>%1</b>, password <b>%2</b></p>"_s.arg(
            esc(p.email), esc(p.demoPassword));
    return page(200, u"Sign in"_s, body);
}

ApiResponse consent(const ConsentPage &p)
{
    QString body = u"<h1>Allow access?</h1><p class=\"sub\">Signed in as <b>%1</b></p>"_s.arg(esc(p.user));
    QString what;
    for (const QString &scope : p.scopes)
        what += u"<li>%1</li>"_s.arg(esc(scope));
    body += u"<form method=\"post\" action=\"/oauth2/auth\">"_s + hidden(u"request_id"_s, p.requestId);
    if (p.clouds.size() == 1) {
        const auto &[cloud, label] = p.clouds.constFirst();
        body += u"<p><b>%1</b> wants to use <b>%2</b>%3:</p>"_s.arg(
                    esc(p.clientName), esc(label), label == cloud ? QString() : u" (%1)"_s.arg(esc(cloud)))
            + hidden(u"cloud"_s, cloud);
    } else {
        body += u"<p><b>%1</b> wants to use one of your product environments:</p><fieldset>"
                u"<legend>Product environment</legend>"_s.arg(esc(p.clientName));
        bool first = true;
        for (const auto &[cloud, label] : p.clouds) {
            body += u"<label><input type=\"radio\" name=\"cloud\" value=\"%1\"%2> %3%4</label>"_s.arg(
                esc(cloud), first ? u" checked"_s : QString(), esc(label),
                label == cloud ? QString() : u" <small>(%1)</small>"_s.arg(esc(cloud)));
            first = false;
        }
        body += u"</fieldset><p>It will be able to:</p>"_s;
    }
    body += u"<ul>%1</ul><div class=\"row\"><button type=\"submit\" name=\"action\" value=\"deny\">Deny"
            u"</button><button class=\"primary\" type=\"submit\" name=\"action\" "
            u"value=\"allow\">Allow</button>"
            u"</div></form>"_s.arg(what);
    return page(200, u"Allow access"_s, body);
}

ApiResponse error(int status, const QString &title, const QString &message)
{
    return page(status, title, u"<h1>%1</h1><p>%2</p>"_s.arg(esc(title), esc(message)));
}

ApiResponse redirect(const QUrl &location)
{
    // The body does not repeat the location: the code travels only where the protocol puts it.
    ApiResponse response = ApiResponse::bytes("<!DOCTYPE html><html><body><p>Returning to your application."
                                              "</p></body></html>\n",
                                              "text/html; charset=utf-8", 302);
    response.setHeader("Location", location.toEncoded());
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    return response;
}

} // namespace stratus::sandbox::oauthpages
