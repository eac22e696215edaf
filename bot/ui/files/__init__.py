"""Files for admins: XLSX, CSV and charts, from plain data."""
