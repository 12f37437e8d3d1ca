package org.incidentdesk.cluster;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that report incidents through {@code POST /api/v1/incidents} for a while, each
 * report with an {@code Idempotency-Key} of its own. A client whose request fails on the
 * connection (the node is gone) sends the same report with the same key to another node;
 * one that gets 503 waits a moment and sends it again. Every answer is counted.
 */
final class ReportLoad {

	/** A report the service acknowledged with 201. */
	record Acknowledged(String key, String number, String node, boolean replayed, Instant at) {

	}

	private final ClusterHttp http;

	private final String tag;

	final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();

	/** Every answer by status, 201 included; -1 counts failed connections. */
	final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();

	/** Answers that are neither 201 nor a 503 problem detail. */
	final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

	/** Reports sent to another node after a failed connection. */
	final AtomicInteger failedOver = new AtomicInteger();

	/** Reports never acknowledged within the time for retries. */
	final AtomicInteger gaveUp = new AtomicInteger();

	/** The keys of every report sent, acknowledged or not. */
	final Queue<String> sent = new ConcurrentLinkedQueue<>();

	/** The first 503s' bodies, to show. */
	final Queue<String> unavailableSamples = new ConcurrentLinkedQueue<>();

	ReportLoad(ClusterHttp http, String tag) {
		this.http = http;
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

	/**
	 * Runs the clients for the duration, then lets each finish the report in hand within
	 * the time for retries; returns when all are done.
	 */
	void run(List<ClusterNode> nodes, int clients, Duration duration, Duration retryFor) throws InterruptedException {
		Instant end = Instant.now().plus(duration);
		Instant giveUp = end.plus(retryFor);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		for (int client = 0; client < clients; client++) {
			int id = client;
			pool.execute(() -> client(id, nodes, end, giveUp));
		}
		pool.shutdown();
		if (!pool.awaitTermination(duration.plus(retryFor).plusSeconds(90).toSeconds(), TimeUnit.SECONDS)) {
			pool.shutdownNow();
			throw new IllegalStateException("The load's clients did not finish in time");
		}
	}

	private void client(int id, List<ClusterNode> nodes, Instant end, Instant giveUp) {
		int preferred = id % nodes.size();
		String caller = (id % 2 == 0) ? "alice" : "bob";
		for (int sequence = 0; Instant.now().isBefore(end); sequence++) {
			String key = this.tag + "-" + id + "-" + sequence;
			this.sent.add(key);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("summary", this.tag + " " + key);
			body.put("description", "Sent by the cluster fault suite, client " + id + ".");
			body.put("category", "email");
			body.put("impact", "LOW");
			body.put("urgency", "LOW");
			int node = preferred;
			boolean done = false;
			while (!done) {
				if (Instant.now().isAfter(giveUp)) {
					this.gaveUp.incrementAndGet();
					return;
				}
				ClusterNode target = nodes.get(node);
				try {
					ClusterHttp.Answer answer = this.http.send(target, caller, "POST", "/api/v1/incidents", body,
							Map.of("Idempotency-Key", key));
					count(answer.status());
					if (answer.status() == 201) {
						this.acknowledged.add(new Acknowledged(key, answer.json().get("number").asText(), target.name(),
								answer.header("Idempotent-Replayed").isPresent(), Instant.now()));
						done = true;
					}
					else if (answer.status() == 503 && answer.isProblem()) {
						if (this.unavailableSamples.size() < 3) {
							this.unavailableSamples.add(target.name() + ": " + answer);
						}
						Thread.sleep(500);
					}
					else {
						this.unexpected.add(target.name() + " " + key + ": " + answer);
						done = true;
					}
				}
				catch (IOException ex) {
					count(-1);
					node = (node + 1) % nodes.size();
					this.failedOver.incrementAndGet();
					sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			// A client whose node died stays with the one that answered.
			preferred = node;
		}
	}

	private void count(int status) {
		this.answers.computeIfAbsent(status, (any) -> new AtomicInteger()).incrementAndGet();
	}

	/** How many answers had this status (-1: failed connections). */
	int answered(int status) {
		AtomicInteger counted = this.answers.get(status);
		return (counted != null) ? counted.get() : 0;
	}

	List<String> acknowledgedKeys() {
		List<String> keys = new ArrayList<>();
		this.acknowledged.forEach((ack) -> keys.add(ack.key()));
		return keys;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
