// Optional audio of generated pieces: where FluidSynth (with a General MIDI SoundFont) or
// TiMidity++ is installed, a .mid is rendered to a .wav the run report plays. Nothing needs audio:
// without either program the caller skips rendering and says so in the run log.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** SoundFonts FluidSynth can use, in order: $SOUS_SOUNDFONT, then where Debian's packages put theirs. */
const SOUNDFONTS = [
  '/usr/share/sounds/sf2/FluidR3_GM.sf2',
  '/usr/share/sounds/sf2/default-GM.sf2',
  '/usr/share/soundfonts/default.sf2',
  '/usr/share/soundfonts/FluidR3_GM.sf2',
];

export interface AudioRenderer {
  /** "fluidsynth" or "timidity". */
  name: string;
  /** The program and its arguments that render `midi` into the WAV file `wav`. */
  command(midi: string, wav: string): [string, string[]];
}

const accessible = (file: string, mode: number) => {
  try {
    accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
};

/** The first renderer found on `searchPath` (FluidSynth needs a SoundFont as well), or undefined. */
export function findAudioRenderer(
  searchPath = process.env.PATH ?? '',
  soundfont = process.env.SOUS_SOUNDFONT,
): AudioRenderer | undefined {
  const find = (program: string) =>
    searchPath
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, program))
      .find((file) => accessible(file, constants.X_OK));
  const fluidsynth = find('fluidsynth');
  const font = [soundfont, ...SOUNDFONTS].find(
    (file): file is string => file !== undefined && accessible(file, constants.R_OK),
  );
  if (fluidsynth && font) {
    return {
      name: 'fluidsynth',
      command: (midi, wav) => [fluidsynth, ['-ni', '-q', '-r', '22050', '-F', wav, font, midi]],
    };
  }
  const timidity = find('timidity');
  if (timidity)
    return { name: 'timidity', command: (midi, wav) => [timidity, ['-Ow', '-s', '22050', '-o', wav, midi]] };
  return undefined;
}

/** Renders `midi` to `wav`; rejects with the program's message when it fails or takes over a minute. */
export function renderAudio(renderer: AudioRenderer, midi: string, wav: string): Promise<void> {
  const [program, args] = renderer.command(midi, wav);
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${renderer.name} failed on ${midi}: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}
