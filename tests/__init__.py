from pathlib import Path

REPO = Path(__file__).resolve().parent.parent  # this checkout: the code and the demo office's content tree
SEEDS = REPO.parent / "shared" / "seeds"  # the original texts beside the repository
