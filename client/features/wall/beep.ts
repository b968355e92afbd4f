/**
 * A short two-tone alert. Browsers without a user gesture may keep the audio context suspended;
 * without audio the banner and the flash still show.
 */
export function beep(): void {
  try {
    const context = new AudioContext();
    const gain = context.createGain();
    gain.gain.value = 0.15;
    gain.connect(context.destination);
    [880, 660].forEach((frequency, i) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(context.currentTime + i * 0.25);
      oscillator.stop(context.currentTime + i * 0.25 + 0.2);
    });
    window.setTimeout(() => void context.close(), 1000);
  } catch {
    // no audio
  }
}
