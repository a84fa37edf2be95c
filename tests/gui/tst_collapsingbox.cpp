// CollapsingBox: a toolbar row that makes way in a small window instead of widening it.
#include "gui/shell/collapsingbox.h"

#include <QPushButton>
#include <QTest>

using namespace stratus::gui;
using namespace Qt::StringLiterals;

class TestCollapsingBox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asksForNoWidthAndHidesFromTheEnd()
    {
        CollapsingBox box;
        box.setSpacing(4);
        QList<QPushButton *> buttons;
        for (const QString &text : {u"Download…"_s, u"Delete…"_s, u"Share…"_s}) {
            buttons.append(new QPushButton(text));
            box.addWidget(buttons.last());
        }
        const int full = box.sizeHint().width();
        QCOMPARE(full,
                 buttons[0]->sizeHint().width() + buttons[1]->sizeHint().width()
                     + buttons[2]->sizeHint().width() + 2 * 4);
        QCOMPARE(box.minimumSizeHint().width(), 0);
        box.show();

        box.resize(full, box.sizeHint().height());
        QCOMPARE(box.shownWidgets().size(), 3);

        // Room for the first two only: the last goes, the others keep their widths and do not overlap.
        box.resize(full - 1, box.sizeHint().height());
        QCOMPARE(box.shownWidgets(), (QList<QWidget *> {buttons[0], buttons[1]}));
        QCOMPARE(buttons[0]->width(), buttons[0]->sizeHint().width());
        QVERIFY(buttons[0]->geometry().right() < buttons[1]->geometry().left());
        QVERIFY(buttons[1]->geometry().right() < box.width());

        // The order is kept: a later, narrower widget does not take the place of an earlier one.
        box.resize(buttons[0]->sizeHint().width() - 1, box.sizeHint().height());
        QVERIFY(box.shownWidgets().isEmpty());

        box.resize(full + 50, box.sizeHint().height());
        QCOMPARE(box.shownWidgets().size(), 3);
    }
};

QTEST_MAIN(TestCollapsingBox)
#include "tst_collapsingbox.moc"
