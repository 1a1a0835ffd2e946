"""Media types the services and the command line name in more than one place."""

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
