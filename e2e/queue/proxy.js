// A round-robin HTTP load balancer on loopback, in front of the webhook processors. Each request goes to the
// next backend in rotation; a backend that refuses the connection is skipped (as a load balancer's health
// check would), and a backend can be drained before a restart and put back after.
const http = require('node:http');

function startProxy(backendPorts) {
	const backends = backendPorts.map((port) => ({ port, drained: false, inFlight: 0, served: 0 }));
	// A fresh connection per request: a reused keep-alive socket that the backend has just closed would fail
	// with ECONNRESET, a fault of this proxy and not of n8n.
	const agent = new http.Agent({ keepAlive: false, maxSockets: 512 });
	let next = 0;

	function pick(skip) {
		for (let tries = 0; tries < backends.length; tries++) {
			const backend = backends[next++ % backends.length];
			if (!backend.drained && !skip.has(backend)) return backend;
		}
		return undefined;
	}

	function forward(req, res, body, skip) {
		const backend = pick(skip);
		if (!backend) {
			res.writeHead(502).end('no backend');
			return;
		}
		backend.inFlight++;
		const done = () => backend.inFlight--;
		const upstream = http.request(
			{ host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers: req.headers, agent },
			(answer) => {
				backend.served++;
				res.writeHead(answer.statusCode, answer.headers);
				answer.pipe(res);
				answer.on('end', done);
				answer.on('error', done);
			},
		);
		upstream.on('error', (error) => {
			done();
			// Nothing reached the backend: try another one. Anything else is the client's to retry.
			if (error.code === 'ECONNREFUSED' && skip.size + 1 < backends.length) {
				forward(req, res, body, new Set([...skip, backend]));
			} else if (!res.headersSent) res.writeHead(502).end(error.code ?? 'proxy error');
			else res.destroy();
		});
		upstream.end(body);
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
	});
	server.keepAliveTimeout = 30000;

	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({
				port: server.address().port,
				backends,
				drain: (index) => (backends[index].drained = true),
				restore: (index) => (backends[index].drained = false),
				async waitIdle(index, timeoutMs = 30000) {
					const deadline = Date.now() + timeoutMs;
					while (backends[index].inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
				},
				close: () => new Promise((r) => { agent.destroy(); server.close(() => r()); server.closeAllConnections?.(); }),
			});
		});
	});
}

module.exports = { startProxy };
