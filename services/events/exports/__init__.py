"""An event's programme in the formats conference apps read: schedule.xml and schedule.json."""
