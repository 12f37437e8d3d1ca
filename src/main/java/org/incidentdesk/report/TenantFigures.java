package org.incidentdesk.report;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;

/**
 * One customer organisation's figures for a period. Counts of incidents opened refer to
 * those reported in the period; resolution figures to those closed in it; figures "now"
 * to the incidents as they stand at the engine's time, whenever reported.
 *
 * @param opened incidents reported in the period
 * @param openedByChannel of those, per channel (portal, e-mail, phone, monitoring, API)
 * @param openedByPriority of those, per priority P1 to P5 ({@code -} before
 * classification)
 * @param majorIncidents of those, declared major incidents
 * @param resolved incidents resolved in the period (a reopened one counts once per
 * resolution day it last had)
 * @param closed incidents closed in the period
 * @param cancelled incidents withdrawn or cancelled as duplicates in the period
 * @param openNow incidents not closed or cancelled now, whenever reported
 * @param slaMet of the incidents closed in the period, those that met their SLA
 * @param slaBreached of the incidents closed in the period, those that missed it
 * @param meanMinutesToRespond over the incidents closed in the period
 * @param meanMinutesToResolve over the incidents closed in the period
 * @param firstContactResolutions of the incidents closed in the period, those the service
 * desk resolved without escalation
 * @param escalations functional escalations of the incidents closed in the period
 * @param hierarchicalEscalations hierarchical escalations of those
 * @param reopens reopens of those
 * @param deflections "this solved my problem" answers in the period that opened no
 * incident
 * @param pausedIncidents of the incidents closed in the period, those whose SLA clock was
 * paused (on hold for a pausing reason, or resolved and reopened)
 * @param pausedSeconds the paused time of the incidents closed in the period, each in its
 * own clock (business time for business-hours targets), up to its resolution
 * @param meanPausedSeconds that over the incidents closed in the period
 * @param pausedNow incidents on hold with a paused clock now, whenever reported
 * @param openNowByPriority the incidents open now, per priority ({@code -} before
 * classification)
 * @param openNowByGroup the incidents open now, per assigned group id ({@code -} for
 * none)
 * @param atRiskNow unresolved incidents now past their resolution warning but not past
 * their resolution due time (a paused clock counts up to its pause)
 * @param breachedNow unresolved incidents now past their resolution due time, or marked
 * breached (a paused clock counts up to its pause)
 * @param reopenedIncidents of the incidents closed in the period, those reopened at least
 * once
 * @param openedPerDay the incidents reported in the period, per day of the report's time
 * zone (days without any are left out)
 * @param resolvedPerDay the incidents resolved in the period, per day of the report's
 * time zone (days without any are left out)
 */
public record TenantFigures(String tenantId, long opened, Map<String, Long> openedByChannel,
		Map<String, Long> openedByPriority, long majorIncidents, long resolved, long closed, long cancelled,
		long openNow, long slaMet, long slaBreached, Double meanMinutesToRespond, Double meanMinutesToResolve,
		long firstContactResolutions, long escalations, long hierarchicalEscalations, long reopens, long deflections,
		long pausedIncidents, long pausedSeconds, Double meanPausedSeconds, long pausedNow,
		Map<String, Long> openNowByPriority, Map<String, Long> openNowByGroup, long atRiskNow, long breachedNow,
		long reopenedIncidents, SortedMap<LocalDate, Long> openedPerDay, SortedMap<LocalDate, Long> resolvedPerDay) {

}
