"""The treadmill in the window: the coach's lines, the driver's commands, the settings' Scan."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QWidget

from retrocoach.app.device_choice import radio_for, switch_off
from retrocoach.app.treadmill import WalkTreadmill, start_demo, treadmill_choice
from retrocoach.core.devices.ftms_control import SPEED_RANGE, decode_speed_range
from retrocoach.core.devices.ftms_data import FTMS_SERVICE
from retrocoach.core.session.cues import Cue
from retrocoach.core.settings.store import Settings
from retrocoach.devices.belt_hookup import BeltShown, SessionCommand
from retrocoach.devices.link import uuid16
from retrocoach.devices.loop import DeviceThread, Inbox
from retrocoach.devices.problems import describe
from retrocoach.devices.scan import Found, bleak_scan, offering
from retrocoach.ui.coach.session_driver import SessionDriver
from retrocoach.ui.coach.treadmill_panel import TreadmillPanel
from retrocoach.ui.window.parts import Sound

if TYPE_CHECKING:
    from retrocoach.devices.simulated.radio import Radio
    from retrocoach.devices.simulated.treadmill import SimulatedTreadmill
    from retrocoach.ui.window.main_window import MainWindow

__all__ = ["TreadmillScanner", "WindowSide", "window_treadmill"]


class WindowSide:
    """A WalkSide for the window: the driver runs the commands, the coach shows the lines."""

    def __init__(self, driver: SessionDriver, sound: Sound) -> None:
        self.driver = driver
        self.sound = sound
        self.panel: TreadmillPanel | None = None  # once the window is built

    def act(self, command: SessionCommand) -> None:
        self.driver.act(command)

    def tell(self, text: str, *, loud: bool) -> None:
        if loud:
            self.sound.prompt(Cue.DEVICE_LOST)
        if self.panel is not None:
            (self.panel.show_lost if loud else self.panel.tell)(text)

    def show_belt(self, shown: BeltShown) -> None:
        if self.panel is not None:
            self.panel.show_state(shown.connected, shown.belt_kmh, shown.target_kmh)


def window_treadmill(
    flag: str | None,
    settings: Settings,
    driver: SessionDriver,
    sound: Sound,
    warn: Callable[[str], None],
) -> tuple[WindowSide, WalkTreadmill | None]:
    """The window's treadmill (--treadmill, else the setting), connecting in the background."""
    side = WindowSide(driver, sound)
    choice = treadmill_choice(flag, settings)
    if choice.address is None:
        return side, None
    return side, WalkTreadmill(choice, settings, side, tell=warn)


def attach(window: MainWindow, side: WindowSide, treadmill: WalkTreadmill) -> None:
    """Show the treadmill on *window*'s coach and hear it on the GUI thread."""
    side.panel = TreadmillPanel(window.coach)
    _watch(treadmill.inbox, window)
    # Closed with the window (Ctrl+Q, the close button): the session it stops queues the
    # belt's Stop first, which close() writes before the link goes.
    window.installEventFilter(_CloseWatch(treadmill.close, window))
    # And when the application quits: on SIGTERM (a logout) the loop ends right after the
    # window closes, before the watch's deferred close runs, and the Stop was left to the
    # device thread's race with the interpreter's exit.
    application = QCoreApplication.instance()
    if application is not None:
        application.aboutToQuit.connect(treadmill.close)


class _CloseWatch(QObject):
    def __init__(self, on_close: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_close = on_close

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.Close and isinstance(watched, QWidget):
            # Looked at after the window's own handling: a close it refused leaves it shown.
            QTimer.singleShot(0, lambda: None if watched.isVisible() else self._on_close())
        return super().eventFilter(watched, event)


def _watch(inbox: Inbox, parent: QObject) -> QSocketNotifier:
    notifier = QSocketNotifier(inbox.fd, QSocketNotifier.Type.Read, parent)
    notifier.activated.connect(lambda *_: inbox.drain())
    return notifier


class TreadmillScanner(QObject):
    """The settings dialog's Scan and Connect, on a device thread; answers on the GUI thread."""

    def __init__(self, demo: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._demo = demo
        self._thread = DeviceThread("retrocoach-scan")
        self._inbox = Inbox()
        self._notifier = _watch(self._inbox, self)
        # One radio for every Scan and Connect: Connect must reach what Scan heard there (the
        # demo treadmill lives on its radio alone), and the demo is started once, not per Scan.
        self._radio: Radio | None = None
        self._simulated: list[SimulatedTreadmill] = []
        # Not a method: a slot of a QObject being destroyed is no longer called.
        thread, simulated = self._thread, self._simulated
        self.destroyed.connect(lambda: _switch_off(thread, simulated))

    def close(self) -> None:
        """Switch the demo treadmill off and end the device thread: the dialog closed."""
        _switch_off(self._thread, self._simulated)

    def scan(self, done: Callable[[list[tuple[str, str]] | str], None]) -> None:
        future = self._thread.submit(self._scan(4.0))

        def finished(_future: object) -> None:
            try:
                found = offering(future.result(), FTMS_SERVICE)
                answer: list[tuple[str, str]] | str = [(f.line(), f.address) for f in found]
            except Exception as error:  # bleak's and D-Bus's many kinds
                answer = describe(error)
            self._inbox.post(lambda: done(answer))

        future.add_done_callback(finished)

    def probe(self, address: str, done: Callable[[str], None]) -> None:
        future = self._thread.submit(self._probe(address))
        future.add_done_callback(lambda f: self._inbox.post(lambda: done(f.result())))

    async def _reach(self) -> Radio | None:
        """The scanner's radio (None: the system's Bluetooth), the demo started on it once."""
        if self._radio is None:
            self._radio = radio_for(self._demo)
            if self._radio is not None and self._demo:
                self._simulated.append(await start_demo(self._radio))
        return self._radio

    async def _scan(self, seconds: float) -> list[Found]:
        radio = await self._reach()
        if radio is None:
            return await bleak_scan(seconds)
        return await radio.scan(seconds)

    async def _probe(self, address: str) -> str:
        from bleak import BleakClient  # noqa: PLC0415

        radio = await self._reach()
        backend = None
        if radio is not None:
            from retrocoach.devices.simulated.bleak_backend import backend_for  # noqa: PLC0415

            backend = backend_for(radio.central)
        try:
            async with BleakClient(address, timeout=10.0, backend=backend) as client:
                speeds = decode_speed_range(bytes(await client.read_gatt_char(uuid16(SPEED_RANGE))))
        except Exception as error:  # one line, whatever went wrong
            return describe(error, address=address)
        return (
            f"Connected to {address}: its belt runs from {speeds.minimum_kmh:g} to "
            f"{speeds.maximum_kmh:g} km/h. It is kept when you press OK."
        )


def _switch_off(thread: DeviceThread, simulated: list[SimulatedTreadmill]) -> None:
    while simulated:
        switch_off(thread, simulated.pop())
    thread.close()
