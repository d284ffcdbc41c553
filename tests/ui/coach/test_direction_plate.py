"""The direction word on a solid plate: no pattern behind the letters, strong contrast."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from retrocoach.ui.coach.direction_band import DirectionBand, plate_colours
from retrocoach.ui.coach.look import FINISHED, LOOKS, PAUSED, READY, STOPPED, Look, Pattern
from retrocoach.ui.window.main_window import default_size, minimum_size

ALL_LOOKS = [*LOOKS.values(), READY, PAUSED, FINISHED, STOPPED]


def _luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("look", ALL_LOOKS, ids=lambda look: look.word)
def test_the_word_and_its_plate_contrast_strongly(look: Look) -> None:
    plate, ink = plate_colours(look)
    assert _contrast(plate, ink) >= 7.0
    # The plate keeps a hint of the band's colour: the colour is never only around the word.
    band = QColor(look.background)
    assert abs(plate.hue() - band.hue()) <= 2 or band.saturation() == 0


@pytest.mark.parametrize(
    "look", [look for look in ALL_LOOKS if look.pattern is not Pattern.SOLID], ids=str
)
def test_no_pattern_runs_behind_the_word(qtbot: QtBot, look: Look) -> None:
    band = DirectionBand(look)
    qtbot.addWidget(band)
    band.resize(1200, 180)
    band.show()
    qtbot.waitExposed(band)
    image: QImage = band.grab().toImage()
    plate_rect = band.plate_rect().toRect()
    plate, ink = plate_colours(look)
    colours = {
        image.pixelColor(x, y).rgb()
        for x in range(plate_rect.left() + 1, plate_rect.right() - 1, 3)
        for y in range(plate_rect.top() + 1, plate_rect.bottom() - 1, 3)
    }
    # Only the plate, the ink and the anti-aliased edges between them: no stripe shade.
    for rgb in colours:
        colour = QColor.fromRgb(rgb)
        between = _luminance(ink) - 0.01 <= _luminance(colour) <= _luminance(plate) + 0.01
        assert between, f"{colour.name()} behind {look.word}"
    assert plate.rgb() in colours
    assert ink.rgb() in colours
    # And the pattern is still drawn around the plate.
    outside = {
        image.pixelColor(x, y).rgb()
        for x in range(0, plate_rect.left(), 2)
        for y in range(0, image.height(), 2)
    }
    assert len(outside) > 2


def test_a_flash_keeps_the_word_on_its_plate(qtbot: QtBot) -> None:
    band = DirectionBand(LOOKS[next(iter(LOOKS))])
    qtbot.addWidget(band)
    band.resize(1200, 180)
    band.show()
    qtbot.waitExposed(band)
    band.flash()
    image = band.grab().toImage()
    centre = band.plate_rect().toRect().topLeft()
    plate, _ink = plate_colours(band.look)
    assert image.pixelColor(centre.x() + 2, centre.y() + 2).rgb() == plate.rgb()


@pytest.mark.parametrize(
    ("screen", "scale"),
    [(QSize(1920, 1040), 1), (QSize(1920, 1040), 2), (QSize(1366, 728), 2), (QSize(1280, 800), 1)],
)
def test_the_default_size_fits_the_screen_at_any_scale(screen: QSize, scale: int) -> None:
    available = QSize(screen.width() // scale, screen.height() // scale)
    size = default_size(available)
    assert size.width() <= available.width()
    assert size.height() <= available.height() * 0.95  # room for a title bar
    assert minimum_size(available).width() <= size.width()
    assert minimum_size(available).height() <= size.height()


def test_on_a_large_screen_the_window_takes_three_quarters() -> None:
    assert default_size(QSize(2560, 1400)) == QSize(1920, 1050)
