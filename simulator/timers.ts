/** Tracks every timer the simulator starts so that stop() can clear them all. */
export class TimerRegistry {
	private readonly handles = new Set<NodeJS.Timeout>();
	private stopped = false;

	after(delayMs: number, callback: () => void): NodeJS.Timeout | undefined {
		if (this.stopped) return undefined;
		const handle = setTimeout(() => {
			this.handles.delete(handle);
			callback();
		}, Math.max(0, delayMs));
		this.handles.add(handle);
		return handle;
	}

	cancel(handle: NodeJS.Timeout | undefined): void {
		if (!handle) return;
		clearTimeout(handle);
		this.handles.delete(handle);
	}

	wait(delayMs: number): Promise<void> {
		return new Promise((resolve) => {
			if (!this.after(delayMs, resolve)) resolve();
		});
	}

	get pending(): number {
		return this.handles.size;
	}

	get isStopped(): boolean {
		return this.stopped;
	}

	/** Cancels every pending timer but keeps accepting new ones (used by reset). */
	cancelAll(): void {
		for (const handle of this.handles) clearTimeout(handle);
		this.handles.clear();
	}

	clearAll(): void {
		this.stopped = true;
		for (const handle of this.handles) clearTimeout(handle);
		this.handles.clear();
	}
}
