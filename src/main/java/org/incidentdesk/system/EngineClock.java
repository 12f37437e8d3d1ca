package org.incidentdesk.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The time as the process engine sees it. SLA due times and timers must agree, so the
 * business code reads the same clock that schedules the timers (and that tests move).
 */
@Component
public class EngineClock {

	public Instant now() {
		return ClockUtil.getCurrentTime().toInstant();
	}

	public OffsetDateTime nowUtc() {
		return now().atOffset(ZoneOffset.UTC);
	}

}
