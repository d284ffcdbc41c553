"""Synthesize every RetroCoach sound cue, reproducibly, as 16-bit mono WAV files.

Run ``python tools/make_sounds.py`` from the repository root. Tones are pure arithmetic (the
standard library only, no numpy), so the same script always writes the same samples. Spoken cues
are rendered by espeak-ng when it is installed; the files are committed, so users never need it.

Every cue is loudness-matched (the RMS of its sounding part), fades in and out so it never
clicks, and starts sounding within a few milliseconds of its first sample, because the coach's
timing contract is measured from the onset.
"""

from __future__ import annotations

import argparse
import array
import math
import operator
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 48_000
TARGET_RMS_DBFS = -16.0
PEAK_LIMIT = 0.89  # -1 dBFS: headroom for resampling in the sound server
ACTIVE_THRESHOLD = 0.02  # samples quieter than this are gaps and tails, not loudness
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "assets" / "sounds"

Samples = list[float]


@dataclass(frozen=True)
class Note:
    """One note: a pitch (or a glide), a length, and a timbre as harmonic weights."""

    freq: float
    seconds: float
    harmonics: Sequence[tuple[int, float]] = ((1, 1.0),)
    glide_to: float | None = None
    attack: float = 0.004
    release: float = 0.03
    decay: float = 0.0  # exponential decay per second: a struck, bell-like note


def render_note(note: Note) -> Samples:
    """One note with raised-cosine ramps at both ends, so it starts and stops without a click."""
    count = round(note.seconds * RATE)
    attack = max(1, round(note.attack * RATE))
    release = max(1, round(note.release * RATE))
    end_freq = note.glide_to if note.glide_to is not None else note.freq
    out: Samples = []
    phase = 0.0
    for i in range(count):
        # A glide integrates the frequency into the phase, so the pitch sweeps without jumps.
        freq = note.freq + (end_freq - note.freq) * i / count
        phase += 2.0 * math.pi * freq / RATE
        value = sum(weight * math.sin(k * phase) for k, weight in note.harmonics)
        gain = math.exp(-note.decay * i / RATE)
        if i < attack:
            gain *= 0.5 - 0.5 * math.cos(math.pi * i / attack)
        if i >= count - release:
            gain *= 0.5 - 0.5 * math.cos(math.pi * (count - i) / release)
        out.append(value * gain)
    return out


def sequence(*parts: Note | float) -> Samples:
    """Notes in a row; a bare number is a gap of silence in seconds."""
    out: Samples = []
    for part in parts:
        if isinstance(part, Note):
            out.extend(render_note(part))
        else:
            out.extend([0.0] * round(part * RATE))
    return out


# Timbres. Forward cues are clean (fundamental plus a soft octave); backward cues are reedy (odd
# harmonics, like a clarinet), so the two differ in colour as well as in pitch and direction.
CLEAN = ((1, 1.0), (2, 0.25))
REEDY = ((1, 1.0), (3, 0.45), (5, 0.25), (7, 0.12))
BELL = ((1, 1.0), (2, 0.4), (3, 0.15))
BRIGHT = ((1, 1.0), (2, 0.5), (3, 0.35), (4, 0.2))

C4, D4, E4, G4, A4, B4 = 261.63, 293.66, 329.63, 392.0, 440.0, 493.88
C5, D5, E5, G5, A5, C6 = 523.25, 587.33, 659.26, 783.99, 880.0, 1046.5

TONES: dict[str, Callable[[], Samples]] = {
    # Turn to forward: a quick rising pair, short then long, high and clean.
    "forward": lambda: sequence(Note(E5, 0.11, CLEAN), 0.04, Note(A5, 0.18, CLEAN, release=0.06)),
    # Turn to backward: a slow falling pair, lower, longer, reedy; unmistakably not forward.
    "backward": lambda: sequence(Note(A4, 0.17, REEDY), 0.05, Note(D4, 0.26, REEDY, release=0.08)),
    "warmup": lambda: sequence(
        Note(C5, 0.09, CLEAN), 0.025, Note(E5, 0.09, CLEAN), 0.025, Note(G5, 0.16, CLEAN)
    ),
    "cooldown": lambda: sequence(
        Note(G4, 0.12, BELL), 0.03, Note(E4, 0.12, BELL), 0.03, Note(C4, 0.22, BELL, release=0.08)
    ),
    "getready": lambda: sequence(Note(D5, 0.09, CLEAN), 0.07, Note(D5, 0.09, CLEAN)),
    "pip": lambda: sequence(Note(C6, 0.07, ((1, 1.0),), attack=0.003, release=0.02)),
    "finished": lambda: sequence(
        Note(C5, 0.09, BELL),
        0.01,
        Note(E5, 0.09, BELL),
        0.01,
        Note(G5, 0.09, BELL),
        0.01,
        Note(C6, 0.3, BELL, decay=4.0, release=0.12),
    ),
    "paused": lambda: sequence(Note(G5, 0.22, CLEAN, glide_to=G4, release=0.06)),
    # Turning round: a bell swinging back and forth, up-down-up, before a change of direction.
    "turn": lambda: sequence(
        Note(G4, 0.06, BELL), 0.015, Note(C5, 0.06, BELL), 0.015, Note(G4, 0.1, BELL, release=0.05)
    ),
    # Slow the belt: two quick high taps, then a long bright slide down, like a brake.
    "slowdown": lambda: sequence(
        Note(E5, 0.04, BRIGHT),
        0.03,
        Note(E5, 0.04, BRIGHT),
        0.03,
        Note(C5, 0.16, BRIGHT, glide_to=E4, release=0.06),
    ),
    "resumed": lambda: sequence(Note(G4, 0.22, CLEAN, glide_to=G5, release=0.06)),
    # Asking for a second Esc: a low double knock and a rise, like a question; no cue of a
    # segment knocks twice on one low note.
    "confirmstop": lambda: sequence(
        Note(E4, 0.08, REEDY), 0.06, Note(E4, 0.08, REEDY), 0.06, Note(B4, 0.16, REEDY)
    ),
    # A device lost: a falling alarm of three reedy steps, low and long, unlike any cue.
    "devicelost": lambda: sequence(
        Note(A5, 0.1, REEDY),
        0.03,
        Note(E5, 0.1, REEDY),
        0.03,
        Note(A4, 0.22, REEDY, glide_to=E4, release=0.06),
    ),
    # Heart above the ceiling: two slow, soft glides down, like a breath out; no cue of a
    # segment glides down twice.
    "easeoff": lambda: sequence(
        Note(A4, 0.2, CLEAN, glide_to=E4, release=0.06),
        0.1,
        Note(A4, 0.2, CLEAN, glide_to=E4, release=0.08),
    ),
}

VOICE: dict[str, str] = {
    "getready": "get ready",
    "warmup": "warm up",
    "forward": "walk forward",
    "backward": "walk backward",
    "cooldown": "cool down",
    "finished": "well done",
    "paused": "paused",
    "resumed": "resume",
    "confirmstop": "again to stop",
    "turn": "turn",
    "slowdown": "slow",
    "devicelost": "treadmill lost",
    "easeoff": "ease off",
}
SILENCE_NAME = "silence"  # played once at session start to open the output before any cue


def normalise(samples: Samples) -> Samples:
    """Scale to the target RMS of the sounding part; lower it if the peak would clip."""
    loudest = max(map(abs, samples))
    active = [s for s in samples if abs(s) >= ACTIVE_THRESHOLD * loudest]
    rms = math.sqrt(sum(s * s for s in active) / len(active))
    gain = 10 ** (TARGET_RMS_DBFS / 20) / rms
    peak = loudest * gain
    if peak > PEAK_LIMIT:
        gain *= PEAK_LIMIT / peak
    return [s * gain for s in samples]


def write_wav(path: Path, samples: Samples, rate: int = RATE) -> None:
    """16-bit little-endian mono PCM."""
    pcm = array.array("h", (max(-32767, min(32767, round(s * 32767))) for s in samples))
    if sys.byteorder == "big":  # pragma: no cover - WAV is little-endian
        pcm.byteswap()
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())


def read_wav(path: Path) -> tuple[Samples, int]:
    """A 16-bit mono WAV as floats in [-1, 1] and its sample rate."""
    with wave.open(str(path), "rb") as src:
        if src.getsampwidth() != 2 or src.getnchannels() != 1:
            raise ValueError(f"{path}: expected 16-bit mono")
        rate = src.getframerate()
        pcm = array.array("h", src.readframes(src.getnframes()))
    if sys.byteorder == "big":  # pragma: no cover
        pcm.byteswap()
    return [s / 32768 for s in pcm], rate


def resample(samples: Samples, src_rate: int, dst_rate: int, taps: int = 16) -> Samples:
    """Windowed-sinc resampling (Hann window), with the cut-off at the lower Nyquist frequency."""
    if src_rate == dst_rate:
        return list(samples)
    up, down = dst_rate // math.gcd(src_rate, dst_rate), src_rate // math.gcd(src_rate, dst_rate)
    cutoff = min(1.0, dst_rate / src_rate)
    # Output sample i sits at input position i*down/up; its fractional part takes one of `up`
    # values, so one kernel per phase is worked out once and reused (pure Python stays fast).
    kernels = []
    for phase in range(up):
        frac = phase / up
        kernel = []
        for j in range(-taps + 1, taps + 1):
            x = frac - j
            arg = math.pi * x * cutoff
            sinc = 1.0 if abs(arg) < 1e-12 else math.sin(arg) / arg
            kernel.append(cutoff * sinc * (0.5 + 0.5 * math.cos(math.pi * x / taps)))
        kernels.append(kernel)
    padded = [0.0] * taps + list(samples) + [0.0] * (taps + 1)
    out: Samples = []
    for i in range(len(samples) * up // down):
        base, phase = divmod(i * down, up)
        window = padded[base + 1 : base + 2 * taps + 1]
        out.append(sum(map(operator.mul, window, kernels[phase])))
    return out


def trim_and_fade(samples: Samples, fade_in: float = 0.004, fade_out: float = 0.03) -> Samples:
    """Cut the silence around speech, so the word starts at the file's start, then fade."""
    limit = 0.02 * max(map(abs, samples))
    first = next(i for i, s in enumerate(samples) if abs(s) >= limit)
    last = len(samples) - next(i for i, s in enumerate(reversed(samples)) if abs(s) >= limit)
    out = samples[max(0, first - round(0.002 * RATE)) : last]
    ramp_in, ramp_out = round(fade_in * RATE), round(fade_out * RATE)
    for i in range(min(ramp_in, len(out))):
        out[i] *= 0.5 - 0.5 * math.cos(math.pi * i / ramp_in)
    for i in range(min(ramp_out, len(out))):
        out[-1 - i] *= 0.5 - 0.5 * math.cos(math.pi * i / ramp_out)
    return out


def speak(text: str, espeak: str) -> Samples:
    """Render *text* with espeak-ng, resampled to RATE, trimmed, faded and normalised."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "speech.wav"
        subprocess.run(
            [espeak, "-v", "en-us", "-s", "165", "-w", str(raw), text],
            check=True,
            capture_output=True,
        )
        samples, rate = read_wav(raw)
    return normalise(trim_and_fade(resample(samples, rate, RATE)))


def make_tones(out_dir: Path) -> list[Path]:
    """Write every tone cue and the warm-up silence; return the paths written."""
    written = []
    for name, build in TONES.items():
        path = out_dir / f"{name}.wav"
        write_wav(path, normalise(build()))
        written.append(path)
    silence = out_dir / f"{SILENCE_NAME}.wav"
    write_wav(silence, [0.0] * round(0.05 * RATE))
    written.append(silence)
    return written


def make_voice(out_dir: Path, espeak: str) -> list[Path]:
    """Write every spoken cue under ``voice/``; return the paths written."""
    written = []
    for name, text in VOICE.items():
        path = out_dir / "voice" / f"{name}.wav"
        write_wav(path, speak(text, espeak))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write the cues; spoken cues are kept as they are when espeak-ng is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder to write into")
    parser.add_argument("--no-voice", action="store_true", help="write the tones only")
    args = parser.parse_args(argv)
    written = make_tones(args.out)
    if not args.no_voice:
        espeak = shutil.which("espeak-ng")
        if espeak is None:
            print("espeak-ng not found: spoken cues left as they are", file=sys.stderr)
        else:
            written += make_voice(args.out, espeak)
    total = sum(path.stat().st_size for path in written)
    for path in written:
        print(f"{path.stat().st_size:>7}  {path}")
    print(f"{total:>7}  bytes in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
