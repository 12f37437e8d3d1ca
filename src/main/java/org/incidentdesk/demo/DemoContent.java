package org.incidentdesk.demo;

/**
 * Further demo content (for example knowledge articles) loaded once the demo world
 * exists.
 */
interface DemoContent {

	void load();

}
