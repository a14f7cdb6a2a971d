import datetime

import pytest

from staffing.tests.factories import CampaignFactory


@pytest.fixture
def campaign(city, school, other_school):
    """An open campaign of the city for 2021/2022 that asks every institution; the deadline is far ahead."""
    return CampaignFactory(municipality=city, deadline=datetime.date(2099, 6, 15))
