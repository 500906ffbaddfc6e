"""Patient records: the models (diary, trials, questionnaires, care plan), services and mappers."""
