/**
 * Process-group helpers for the browser pool (Linux /proc; elsewhere falls back to kill(0)).
 * Chromium is launched detached, so its pid is also the id of the group holding its renderer,
 * zygote and utility processes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * True while a process group has live (non-zombie) members. Zombies are ignored: once Chromium's
 * main process is gone its exited children belong to PID 1, which reaps them on its own time.
 */
export function processGroupAlive(pgid: number): boolean {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may contain spaces, so split after the last ')'
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
    } catch {
      // the process exited while we looked
    }
  }
  return false;
}

/** SIGKILLs every process of the group; false when there was none left. */
export function killProcessGroup(pgid: number): boolean {
  try {
    process.kill(-pgid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
