import { Writable } from 'node:stream';
import { startProgress } from '../../../cli/bulk/progress';

/** A pretend terminal on stderr. */
class Terminal extends Writable {
  text = '';
  readonly isTTY = true;
  readonly columns = 100;

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }

  cursorTo(_x: number, _y?: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }

  clearLine(_dir: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }

  moveCursor(_dx: number, _dy: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }
}

describe('Function: startProgress', () => {
  it('draws a bar on a terminal, growing its total when told', () => {
    // Prepare
    const terminal = new Terminal();

    // Act
    const progress = startProgress(terminal, true, 'backfill', 2);
    progress.tick();
    progress.tick();
    progress.tick(3);
    progress.stop();

    // Assess
    expect(terminal.text).toContain('backfill [');
    expect(terminal.text).toMatch(/3\/3 100%/);
  });

  it('draws nothing when not allowed (a pipe, or --quiet)', () => {
    const terminal = new Terminal();
    const progress = startProgress(terminal, false, 'backfill', 2);
    progress.tick();
    progress.stop();
    expect(terminal.text).toBe('');
  });
});
