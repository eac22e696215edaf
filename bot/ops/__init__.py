"""Operations: metrics, health, alerts, backups, database state."""
