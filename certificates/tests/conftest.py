import pytest

from .factories import pedagogue
from .factories import seminar


@pytest.fixture
def colleague(school):
    return pedagogue(school, "Кузнецова")


@pytest.fixture
def stranger(other_school):
    return pedagogue(other_school, "Орлова")


@pytest.fixture
def meeting(city, teacher_pedagogue, colleague, stranger, other_school):
    """A seminar of 4 hours: the teacher, a colleague of school A and one of school B present, one absent."""
    return seminar(city, [teacher_pedagogue, colleague, stranger], absent=[pedagogue(other_school, "Зайцева")])
