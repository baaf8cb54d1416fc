# Shortcuts for dev.py (which needs only Python).
.PHONY: demo test lint
demo:
	python3 dev.py demo
test:
	python3 dev.py test
lint:
	python3 dev.py lint
