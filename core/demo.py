"""Demo data protocol and the core demo data.

``python manage.py seed_demo`` builds a believable municipality: core first,
then every other app in ``settings.DOMAIN_APPS`` order calls its own
``<app>/demo.py: seed(ctx: DemoContext) -> None``. Each ``seed`` is
deterministic (use ``ctx.rng`` only) and idempotent (it returns at once when
its records for ``ctx.municipalities`` already exist), and uses bulk inserts so
that ``--scale region`` stays fast.

Core's ``seed`` creates the municipalities, their institutions of every type,
pedagogues with realistic Russian names and an employment history over the
academic years 2018/2019 – 2022/2023 (young specialists hired every year, some
of whom leave after one to three years, retirements, moves between
institutions), and the six demo users named after their roles. Simple-history
rows are not written for the bulk seed: the audit trail starts with the first
edit made by a user (at region scale not even that, to keep the generator fast).

What core leaves in the context for the other apps: ``ctx.municipalities`` (the demo city
first), ``ctx.years`` (2018/2019 … 2022/2023), ``ctx.users`` (``admin``, ``head``,
``methodist``, ``expert``, ``school``, ``teacher``) and in ``ctx.extra``: ``school`` (СШ № 1,
the ``school`` user's institution), ``teacher_pedagogue`` (the ``teacher`` user's record, a
young teacher of СШ № 1) and ``expert_pedagogue`` (the ``expert`` user's record, an
experienced teacher of another school). The same keys are filled on a database that already
holds the demo, so a second run gives the apps the same context.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import Any

# The generators are written for the span 2018/2019 … 2022/2023 as if the day were in 2023/2024; a run
# moves everything by ``DemoContext.offset`` years so that the span ends with the last academic year finished
# before ``DemoContext.today`` (``seed_demo --today``, default the real today), and the current year is in
# progress: staff keep working, and the apps add what is under way on the day (requests, campaigns, routes).
SPAN_START, SPAN_END = 2018, 2022  # the base span
SPAN_YEARS = SPAN_END - SPAN_START + 1


def academic_start_year(day: datetime.date) -> int:
    """Return the first calendar year of the academic year (1 September – 31 August) that contains the day."""
    return day.year if day.month >= 9 else day.year - 1


def shift_date(day: datetime.date, years: int) -> datetime.date:
    """Return the same day ``years`` later (28 February for a 29 February that does not exist)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
DEMO_CITY = ("г. Лесосибирск", "lesosibirsk", "Лесосибирский")
DEMO_USERNAMES = ("admin", "head", "methodist", "expert", "school", "teacher")


@dataclass
class DemoContext:
    scale: str  # "municipal" (one city, ~40 institutions), "region" (~1,000 institutions) or "tiny" (tests)
    rng: random.Random
    municipalities: list = field(default_factory=list)  # core.Municipality, the first is the demo city
    years: list = field(default_factory=list)  # core.AcademicYear: the five finished years of the span
    users: dict = field(default_factory=dict)  # role name -> User ("admin", "head", "methodist", ...)
    log: Any = print  # callable(str) for progress lines
    extra: dict = field(default_factory=dict)  # what one app leaves for another
    today: datetime.date = field(default_factory=datetime.date.today)  # the day the demo is built for

    @property
    def municipality(self):
        return self.municipalities[0]

    @property
    def span_end(self) -> int:
        """The start year of the last academic year finished before ``today``: the span's last year."""
        return academic_start_year(self.today) - 1

    @property
    def span_start(self) -> int:
        return self.span_end - SPAN_YEARS + 1

    @property
    def offset(self) -> int:
        """How many years the base span (2018/2019 … 2022/2023) moves."""
        return self.span_end - SPAN_END

    def shift(self, value):
        """Move a year (int) or a date of the base span to the span being built."""
        if isinstance(value, int):
            return value + self.offset
        return shift_date(value, self.offset)

    def seeded(self, app: str, *querysets) -> bool:
        """Whether an earlier run seeded ``app`` (one of ``querysets`` has rows in the demo city): then it says so,
        and the app adds nothing, so ``seed_demo`` may run again over a demo."""
        if any(queryset.exists() for queryset in querysets):
            self.log(f"{app}: the demo data exist, nothing to add")
            return True
        return False


# --- Names ---------------------------------------------------------------------------------------

# (male first name, patronymic for a man, patronymic for a woman)
MALE_NAMES = [
    ("Александр", "Александрович", "Александровна"), ("Алексей", "Алексеевич", "Алексеевна"),
    ("Андрей", "Андреевич", "Андреевна"), ("Анатолий", "Анатольевич", "Анатольевна"),
    ("Борис", "Борисович", "Борисовна"), ("Вадим", "Вадимович", "Вадимовна"),
    ("Валерий", "Валерьевич", "Валерьевна"), ("Василий", "Васильевич", "Васильевна"),
    ("Виктор", "Викторович", "Викторовна"), ("Владимир", "Владимирович", "Владимировна"),
    ("Вячеслав", "Вячеславович", "Вячеславовна"), ("Геннадий", "Геннадьевич", "Геннадьевна"),
    ("Георгий", "Георгиевич", "Георгиевна"), ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"), ("Иван", "Иванович", "Ивановна"),
    ("Игорь", "Игоревич", "Игоревна"), ("Илья", "Ильич", "Ильинична"),
    ("Кирилл", "Кириллович", "Кирилловна"), ("Константин", "Константинович", "Константиновна"),
    ("Леонид", "Леонидович", "Леонидовна"), ("Максим", "Максимович", "Максимовна"),
    ("Михаил", "Михайлович", "Михайловна"), ("Никита", "Никитич", "Никитична"),
    ("Николай", "Николаевич", "Николаевна"), ("Олег", "Олегович", "Олеговна"),
    ("Павел", "Павлович", "Павловна"), ("Пётр", "Петрович", "Петровна"),
    ("Роман", "Романович", "Романовна"), ("Сергей", "Сергеевич", "Сергеевна"),
    ("Станислав", "Станиславович", "Станиславовна"), ("Степан", "Степанович", "Степановна"),
    ("Юрий", "Юрьевич", "Юрьевна"), ("Ярослав", "Ярославович", "Ярославовна"),
    ("Артём", "Артёмович", "Артёмовна"), ("Денис", "Денисович", "Денисовна"),
]
FEMALE_NAMES = [
    "Анастасия", "Анна", "Алёна", "Алина", "Валентина", "Валерия", "Вера", "Виктория", "Галина", "Дарья",
    "Евгения", "Екатерина", "Елена", "Елизавета", "Жанна", "Ирина", "Кристина", "Ксения", "Лариса",
    "Любовь", "Людмила", "Марина", "Мария", "Надежда", "Наталья", "Нина", "Оксана", "Ольга", "Полина",
    "Светлана", "София", "Тамара", "Татьяна", "Юлия", "Яна", "Маргарита", "Диана", "Олеся",
]
# Surnames in the masculine form; the feminine one is derived (-ов → -ова, -ский → -ская, …).
SURNAMES = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
    "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
    "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров",
    "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов",
    "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров",
    "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков",
    "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов",
    "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов", "Мартынов",
    "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв", "Быков", "Маслов",
    "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов", "Пономарёв", "Голубев", "Кудрявцев",
    "Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников", "Трофимов", "Леонов", "Соболев", "Ермаков",
    "Колесников", "Гончаров", "Емельянов", "Никифоров", "Грачёв", "Котов", "Гришин", "Ефремов", "Архипов",
    "Громов", "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев", "Акимов", "Кондратьев", "Бирюков",
    "Горбунов", "Анисимов", "Ерёмин", "Тихомиров", "Галкин", "Лукьянов", "Михеев", "Скворцов", "Юдин",
    "Белоусов", "Нестеров", "Симонов", "Прокофьев", "Харитонов", "Князев", "Цветков", "Левин", "Митрофанов",
    "Воронов", "Аксёнов", "Софронов", "Мальцев", "Логинов", "Горшков", "Савин", "Краснов", "Майоров",
    "Демидов", "Елисеев", "Рыбаков", "Сафонов", "Плотников", "Дёмин", "Хохлов", "Фадеев", "Молчанов",
    "Игнатов", "Литвинов", "Ершов", "Ушаков", "Дементьев", "Рябов", "Мухин", "Калашников", "Леонтьев",
    "Лобанов", "Кузин", "Корнилов", "Евдокимов", "Бородин", "Платонов", "Некрасов", "Балашов", "Бобров",
    "Жданов", "Блинов", "Игнатьев", "Коротков", "Муравьёв", "Крюков", "Беляков", "Богомолов", "Дроздов",
    "Лавров", "Зуев", "Петухов", "Ларин", "Никулин", "Серов", "Терентьев", "Зотов", "Устинов", "Фокин",
    "Самойлов", "Константинов", "Сахаров", "Шишкин", "Самсонов", "Черкасов", "Чистяков", "Носов", "Спиридонов",
    "Карасёв", "Авдеев", "Воронцов", "Зверев", "Владимиров", "Селезнёв", "Нечаев", "Кудрявцев", "Седов",
    "Фирсов", "Андрианов", "Панин", "Головин", "Терехов", "Ульянов", "Шестаков", "Агеев", "Никонов",
    "Селиванов", "Баженов", "Гордеев", "Кожевников", "Пахомов", "Зимин", "Костин", "Широков", "Филимонов",
    "Ларионов", "Овсянников", "Сазонов", "Суворов", "Нефёдов", "Корнилов", "Любимов", "Львов", "Горбачёв",
    "Копылов", "Лукин", "Токарев", "Кулешов", "Шилов", "Большаков", "Панкратов", "Родин", "Шаповалов",
    "Покровский", "Бочаров", "Никольский", "Маркин", "Горелов", "Агафонов", "Березин", "Ермолаев", "Зубков",
    "Куприянов", "Трифонов", "Масленников", "Круглов", "Третьяков", "Колосов", "Рожков", "Артамонов",
    "Шмелёв", "Лаптев", "Лапшин", "Федосеев", "Зиновьев", "Зорин", "Уткин", "Столяров", "Зубов", "Ткачёв",
    "Дорофеев", "Антипов", "Завьялов", "Свиридов", "Золотарёв", "Кулаков", "Мещеряков", "Макеев", "Дьяконов",
    "Гуляев", "Петровский", "Бондарев", "Поздняков", "Панфилов", "Кочетков", "Суханов", "Рыжов", "Старостин",
    "Калмыков", "Колесов", "Золотов", "Кравцов", "Субботин", "Шубин", "Щукин", "Лосев", "Винокуров",
    "Лапин", "Парфёнов", "Исаков", "Голованов", "Коровин", "Розанов", "Артёмов", "Козырев", "Русаков",
    "Алёшин", "Крючков", "Булгаков", "Кошелев", "Сычёв", "Синицын", "Черных", "Шевченко", "Бондаренко",
    "Ковальчук", "Ким", "Седых", "Белых", "Кравченко", "Мороз", "Гайдамак", "Вишневский", "Островский",
]


def feminine(surname: str) -> str:
    """Return the feminine form of a Russian surname given in the masculine form."""
    for ending, replacement in (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ий", "ая")):
        if surname.endswith(ending):
            return surname[: -len(ending)] + replacement
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname  # Черных, Шевченко, Ким, Мороз: the same for both


# --- Municipalities and institutions ---------------------------------------------------------------

# (name, code, adjective for the regional colleges) — municipalities of the Krasnoyarsk krai.
REGION_MUNICIPALITIES = [
    DEMO_CITY,
    ("г. Ачинск", "achinsk", "Ачинский"),
    ("г. Боготол", "bogotol", "Боготольский"),
    ("г. Бородино", "borodino", "Бородинский"),
    ("г. Дивногорск", "divnogorsk", "Дивногорский"),
    ("г. Енисейск", "eniseysk", "Енисейский"),
    ("г. Канск", "kansk", "Канский"),
    ("г. Минусинск", "minusinsk", "Минусинский"),
    ("г. Назарово", "nazarovo", "Назаровский"),
    ("г. Сосновоборск", "sosnovoborsk", "Сосновоборский"),
    ("г. Шарыпово", "sharypovo", "Шарыповский"),
    ("ЗАТО г. Железногорск", "zheleznogorsk", "Железногорский"),
    ("ЗАТО г. Зеленогорск", "zelenogorsk", "Зеленогорский"),
    ("Балахтинский район", "balakhtinsky", "Балахтинский"),
    ("Берёзовский район", "berezovsky", "Берёзовский"),
    ("Богучанский район", "boguchansky", "Богучанский"),
    ("Емельяновский район", "emelyanovsky", "Емельяновский"),
    ("Енисейский район", "eniseysky", "Северо-Енисейский"),
    ("Ирбейский район", "irbeysky", "Ирбейский"),
    ("Казачинский район", "kazachinsky", "Казачинский"),
    ("Кежемский район", "kezhemsky", "Кежемский"),
    ("Курагинский район", "kuraginsky", "Курагинский"),
    ("Манский район", "mansky", "Манский"),
    ("Мотыгинский район", "motyginsky", "Мотыгинский"),
    ("Ужурский район", "uzhursky", "Ужурский"),
]

KINDERGARTEN_NAMES = [
    "Солнышко", "Ромашка", "Колокольчик", "Теремок", "Сказка", "Берёзка", "Золотой ключик", "Радуга",
    "Светлячок", "Улыбка", "Родничок", "Журавушка", "Алёнушка", "Буратино", "Золотая рыбка", "Чебурашка",
    "Малышок", "Ласточка", "Рябинушка", "Дюймовочка", "Белочка", "Снежинка", "Незабудка", "Огонёк",
]
ADDITIONAL = [
    ("МБУ ДО «Дом детского творчества»", "ДДТ"),
    ("МБУ ДО «Детско-юношеская спортивная школа»", "ДЮСШ"),
    ("МБУ ДО «Станция юных техников»", "СЮТ"),
    ("МБУ ДО «Станция юных натуралистов»", "СЮН"),
    ("МБУ ДО «Центр дополнительного образования \"Мастер\"»", "ЦДО «Мастер»"),
    ("МБУ ДО «Центр детского и юношеского туризма»", "ЦДЮТ"),
]
VOCATIONAL = [
    ("КГБПОУ «{adj} педагогический колледж»", "Педагогический колледж"),
    ("КГБПОУ «{adj} технологический техникум»", "Технологический техникум"),
    ("КГБПОУ «{adj} медицинский техникум»", "Медицинский техникум"),
    ("КГБПОУ «{adj} аграрный техникум»", "Аграрный техникум"),
]
STREETS = [
    "ул. Мира", "ул. Победы", "ул. Ленина", "ул. Горького", "ул. Пушкина", "ул. Строителей", "ул. Школьная",
    "ул. Молодёжная", "ул. Юбилейная", "ул. Октябрьская", "ул. 40 лет Октября", "ул. Енисейская",
    "ул. Северная", "ул. Комсомольская", "ул. Советская", "ул. Заводская", "мкр. 5-й", "мкр. Центральный",
]

# (institutions of each type, staff range per institution) per scale
SCALES = {
    "tiny": {"municipalities": 1, "general": 3, "preschool": 2, "additional": 1, "vocational": 1, "staff": 0.25,
             "history": True},
    "municipal": {"municipalities": 1, "general": 14, "preschool": 18, "additional": 5, "vocational": 3,
                  "staff": 0.78, "history": True},
    # The benchmark scale skips the "created" history rows: they would double the inserts.
    "region": {"municipalities": 25, "general": 14, "preschool": 18, "additional": 5, "vocational": 3, "staff": 1.1,
               "history": False},
    # Ten regions of the region scale (~250 municipalities, ~10,000 institutions, ~400,000 pedagogues): the bench
    # of issue 18 shows that a city's costs depend on the city, not on the country.
    "country": {"municipalities": 250, "general": 14, "preschool": 18, "additional": 5, "vocational": 3,
                "staff": 1.1, "history": False},
}


def demo_municipalities(count: int = len(REGION_MUNICIPALITIES)) -> list[tuple[str, str, str]]:
    """(name, code, adjective) of the first ``count`` demo municipalities: the region's 25, then the same 25 of
    regions 2, 3, … (the country scale), named and coded with the region's number."""
    rows = []
    for number in range(count):
        region = number // len(REGION_MUNICIPALITIES)
        name, code, adjective = REGION_MUNICIPALITIES[number % len(REGION_MUNICIPALITIES)]
        if region:
            name, code = f"{name} (регион {region + 1})", f"{code}-{region + 1}"
        rows.append((name, code, adjective))
    return rows
# Staff at the start of the span (September 2018) per institution type: (min, max).
STAFF = {"general": (34, 52), "preschool": (14, 22), "additional": (14, 26), "vocational": (22, 34)}

# Positions per institution type: (position name, weight). The head positions are added once per institution.
POSITIONS_BY_TYPE = {
    "general": [
        ("учитель", 80), ("педагог-психолог", 3), ("социальный педагог", 3), ("учитель-логопед", 2),
        ("педагог-организатор", 2), ("советник директора по воспитанию", 1), ("педагог дополнительного образования", 3),
        ("учитель-дефектолог", 1),
    ],
    "preschool": [
        ("воспитатель", 80), ("музыкальный руководитель", 5), ("инструктор по физической культуре", 4),
        ("учитель-логопед", 5), ("педагог-психолог", 3), ("учитель-дефектолог", 2),
    ],
    "additional": [("педагог дополнительного образования", 80), ("тренер-преподаватель", 15), ("педагог-организатор", 5)],
    "vocational": [("преподаватель", 75), ("мастер производственного обучения", 20), ("педагог-психолог", 3)],
}
HEADS_BY_TYPE = {
    "general": [("директор", 1), ("заместитель директора", 3)],
    "preschool": [("старший воспитатель", 1)],
    "additional": [("директор", 1), ("методист", 2)],
    "vocational": [("директор", 1), ("заместитель директора", 2), ("методист", 1)],
}
HEAD_POSITIONS = {name for heads in HEADS_BY_TYPE.values() for name, _count in heads}
# Positions the demo needs beyond the directory the migrations install (DOMAIN.md: admin-editable list).
EXTRA_POSITIONS = [("преподаватель", True, 175), ("мастер производственного обучения", True, 176)]

SCHOOL_SUBJECTS = [
    ("Начальные классы", 22), ("Русский язык", 10), ("Математика", 10), ("Английский язык", 7),
    ("История", 5), ("Физическая культура", 5), ("Биология", 3), ("Химия", 3), ("Физика", 3),
    ("География", 3), ("Информатика", 3), ("Немецкий язык", 1), ("Музыка", 2), ("Изобразительное искусство", 2),
    ("Труд (технология)", 3), ("ОБЗР", 2),
]
# A second subject often taught together with the first.
PAIRED_SUBJECTS = {
    "Русский язык": "Литература", "История": "Обществознание", "Математика": "Информатика",
    "Биология": "Химия", "Физика": "Математика", "Музыка": "Изобразительное искусство",
}
VOCATIONAL_SUBJECTS = [("Русский язык", 2), ("Математика", 2), ("Английский язык", 1), ("Информатика", 2),
                       ("Физическая культура", 1), ("История", 1)]
SUBJECT_BY_TYPE = {"preschool": "Дошкольное образование", "additional": "Дополнительное образование"}

# Share of women by institution type.
WOMEN = {"general": 0.84, "preschool": 0.98, "additional": 0.7, "vocational": 0.72}


def weighted(rng: random.Random, pairs):
    names = [name for name, _weight in pairs]
    weights = [weight for _name, weight in pairs]
    return rng.choices(names, weights=weights)[0]


def institutions_of(rng: random.Random, municipality, number: int, adjective: str, sizes: dict) -> list[dict]:
    """Return the institutions of one municipality as field dictionaries (names unique within it)."""
    rows: list[dict] = []
    general = sizes["general"]
    if general >= 3:
        numbers = sorted(rng.sample(range(2, 25), general - 3))
        rows.append(("МБОУ «Средняя школа № 1»", "СШ № 1", "general"))
        rows.extend((f"МБОУ «Средняя школа № {n}»", f"СШ № {n}", "general") for n in numbers)
        rows.append(("МБОУ «Гимназия»", "Гимназия", "general"))
        rows.append(("МБОУ «Лицей»", "Лицей", "general"))
    else:
        rows.extend((f"МБОУ «Средняя школа № {n}»", f"СШ № {n}", "general") for n in range(1, general + 1))
    kindergarten_numbers = sorted(rng.sample(range(2, 60), sizes["preschool"]))
    names = rng.sample(KINDERGARTEN_NAMES, sizes["preschool"])
    rows.extend(
        (f"МБДОУ «Детский сад № {n} \"{title}\"»", f"ДС № {n} «{title}»", "preschool")
        for n, title in zip(kindergarten_numbers, names, strict=True)
    )
    rows.extend((name, short, "additional") for name, short in ADDITIONAL[: sizes["additional"]])
    rows.extend(
        (name.format(adj=adjective), short, "vocational")
        for name, short in VOCATIONAL[: sizes["vocational"]]
    )
    city = municipality.name.removeprefix("ЗАТО ").removeprefix("г. ")
    result = []
    for name, short, kind in rows:
        street = rng.choice(STREETS)
        result.append(
            {
                "municipality": municipality,
                "name": name,
                "short_name": short,
                "type": kind,
                # The region's colleges (КГБПОУ) are not the municipality's own institutions.
                "subordination": "regional" if name.startswith("КГ") else "municipal",
                "address": f"{city}, {street}, {rng.randint(1, 60)}",
                "phone": f"8 (391) {rng.randint(200, 799)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
            }
        )
    return result


# --- People --------------------------------------------------------------------------------------


def random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


@dataclass
class Person:
    last_name: str
    first_name: str
    middle_name: str
    birth_date: datetime.date
    experience_start: datetime.date | None
    category: str = "none"
    category_date: datetime.date | None = None
    awards: list[tuple[str, datetime.date]] = field(default_factory=list)  # the category history, oldest first
    subjects: list[str] = field(default_factory=list)
    jobs: list[list] = field(default_factory=list)  # [institution, position name, hired, left]
    pk: int | None = None


def make_person(rng: random.Random, kind: str, born_from: datetime.date, born_to: datetime.date) -> Person:
    woman = rng.random() < WOMEN[kind]
    father = rng.choice(MALE_NAMES)
    surname = rng.choice(SURNAMES)
    if woman:
        return Person(feminine(surname), rng.choice(FEMALE_NAMES), father[2],
                      random_date(rng, born_from, born_to), None)
    return Person(surname, rng.choice(MALE_NAMES)[0], father[1], random_date(rng, born_from, born_to), None)


def subjects_for(rng: random.Random, kind: str, position: str) -> list[str]:
    if kind in SUBJECT_BY_TYPE:
        return [SUBJECT_BY_TYPE[kind]]
    if position not in ("учитель", "преподаватель"):
        return []
    first = weighted(rng, SCHOOL_SUBJECTS if kind == "general" else VOCATIONAL_SUBJECTS)
    subjects = [first]
    if first in PAIRED_SUBJECTS and rng.random() < 0.6:
        subjects.append(PAIRED_SUBJECTS[first])
    return subjects


def assign_category(rng: random.Random, person: Person, on: datetime.date) -> None:
    """Give a category fitting the experience on the day (none in the first two years)."""
    if person.experience_start is None or (on - person.experience_start).days < 2 * 365:
        return
    years = (on - person.experience_start).days / 365.25
    roll = rng.random()
    if years < 5:
        category = "conformity" if roll < 0.45 else ("first" if roll < 0.75 else "none")
    elif years < 15:
        category = "first" if roll < 0.45 else ("highest" if roll < 0.7 else ("conformity" if roll < 0.9 else "none"))
    else:
        category = "highest" if roll < 0.5 else ("first" if roll < 0.8 else ("conformity" if roll < 0.93 else "none"))
        if category == "highest" and rng.random() < 0.08:
            category = rng.choice(["methodist", "mentor"])
    if category == "none":
        return
    person.category = category
    person.category_date = random_date(rng, max(person.experience_start, on - datetime.timedelta(days=5 * 365)), on)


LOWER_CATEGORY = {"highest": "first", "first": "conformity", "conformity": "conformity"}


def category_history(rng: random.Random, person: Person, first_year: int) -> None:
    """Fill ``person.awards`` back from the last category: every five years a renewal (on time, a little
    early or after a gap without a category), the same category or one lower; «pedagogue-methodist» and
    «-mentor» on top of a highest category held on their order date (order No. 196)."""
    if person.category == "none" or not person.category_date:
        return
    awards = [(person.category, person.category_date)]
    category, day = person.category, person.category_date
    if category in ("methodist", "mentor"):
        day = day - datetime.timedelta(days=rng.randint(90, 1200))
        category = "highest"
        awards.append((category, day))
    earliest = max(person.experience_start.replace(year=person.experience_start.year + 2, day=min(
        person.experience_start.day, 28)), datetime.date(first_year - 6, 9, 1))
    while True:
        day = day.replace(year=day.year - 5, day=min(day.day, 28)) + datetime.timedelta(days=rng.choice(
            [-200, -120, -30, 0, 0, 20, 150]))
        if day < earliest:
            break
        category = category if rng.random() < 0.6 else LOWER_CATEGORY[category]
        awards.append((category, day))
    person.awards = sorted(awards, key=lambda award: award[1])


def leave_date(rng: random.Random, academic_year: int) -> datetime.date:
    """A leaving day in the academic year: mostly at its end, sometimes in the middle."""
    if rng.random() < 0.7:
        return random_date(rng, datetime.date(academic_year + 1, 5, 31), datetime.date(academic_year + 1, 8, 20))
    return random_date(rng, datetime.date(academic_year, 10, 1), datetime.date(academic_year + 1, 4, 30))


def simulate(rng: random.Random, institutions: list, staff_factor: float, *, first_year: int = SPAN_START,
             last_year: int = SPAN_END) -> list[Person]:
    """Return the people of one municipality with their jobs over the demo span.

    At the start of 2018/2019 each institution has its experienced staff (hired
    before the span). Every academic year some retire, some move to another
    institution of the municipality, young specialists (21–25, no experience
    before) are hired, and a part of them leaves after one to three years.
    """
    people: list[Person] = []
    span_start = datetime.date(first_year, 9, 1)
    offset = last_year - SPAN_END  # birth years move with the span, so ages stay as designed
    by_kind: dict[str, list] = {}
    for institution in institutions:
        by_kind.setdefault(institution.type, []).append(institution)

    current: dict[int, list[Person]] = {}  # institution pk -> people working there now
    for institution in institutions:
        kind = institution.type
        low, high = STAFF[kind]
        size = max(3, round(rng.randint(low, high) * staff_factor))
        staff = []
        heads = [name for name, count in HEADS_BY_TYPE[kind] for _ in range(count)]
        for index in range(size):
            position = heads[index] if index < len(heads) else weighted(rng, POSITIONS_BY_TYPE[kind])
            old = index < len(heads)
            person = make_person(
                rng, kind,
                datetime.date((1953 if old else 1956) + offset, 1, 1),
                datetime.date((1975 if old else 1996) + offset, 12, 31),
            )
            earliest = person.birth_date.replace(year=person.birth_date.year + 21, day=min(person.birth_date.day, 28))
            person.experience_start = random_date(rng, earliest, earliest.replace(year=earliest.year + 4))
            if person.experience_start >= span_start:
                person.experience_start = span_start - datetime.timedelta(days=rng.randint(200, 700))
            hired = random_date(rng, person.experience_start, span_start - datetime.timedelta(days=1))
            person.subjects = subjects_for(rng, kind, position)
            person.jobs.append([institution, position, hired, None])
            staff.append(person)
            people.append(person)
        current[institution.pk] = staff

    for academic_year in range(first_year, last_year + 1):
        september = datetime.date(academic_year, 9, 1)
        for institution in institutions:
            kind = institution.type
            staff = current[institution.pk]
            leavers = 0
            vacant_heads: list[str] = []  # head positions to fill again this year
            for person in list(staff):
                job = person.jobs[-1]
                if job[2] >= september:
                    continue  # hired this year
                age = (september - person.birth_date).days / 365.25
                young = person.experience_start and (september - person.experience_start).days < 3 * 365
                head = job[1] in HEAD_POSITIONS
                if head:
                    chance = 0.08 if age > 62 else 0.02
                elif young:
                    chance = 0.16  # young specialists leave more often
                elif age > 60:
                    chance = 0.14  # retirement
                else:
                    chance = 0.035
                if rng.random() >= chance:
                    continue
                left = leave_date(rng, academic_year)
                job[3] = left
                staff.remove(person)
                leavers += 1
                if head:
                    vacant_heads.append(job[1])
                    continue
                # Some move within the municipality (young ones more often) after the summer.
                if age < 58 and rng.random() < (0.35 if young else 0.25):
                    others = [i for i in by_kind.get(kind, []) if i.pk != institution.pk] or [
                        i for i in institutions if i.pk != institution.pk
                    ]
                    if others:
                        target = rng.choice(others)
                        position = weighted(rng, POSITIONS_BY_TYPE[target.type])
                        hired = left + datetime.timedelta(days=rng.randint(1, 60))
                        person.jobs.append([target, position, hired, None])
                        if not person.subjects:
                            person.subjects = subjects_for(rng, target.type, position)
                        current[target.pk].append(person)
            # Young specialists replace most leavers; a few experienced hires too.
            young_hires = rng.randint(0, 1) + (leavers * 2) // 3
            for _ in range(young_hires):
                position = weighted(rng, POSITIONS_BY_TYPE[kind])
                hired = random_date(rng, datetime.date(academic_year, 8, 20), datetime.date(academic_year, 9, 10))
                person = make_person(
                    rng, kind,
                    hired.replace(year=hired.year - 25, day=min(hired.day, 28)),
                    hired.replace(year=hired.year - 21, day=min(hired.day, 28)),
                )
                person.experience_start = hired
                person.subjects = subjects_for(rng, kind, position)
                person.jobs.append([institution, position, hired, None])
                staff.append(person)
                people.append(person)
            # Experienced hires fill the head posts first (a new director comes from outside).
            for number in range(max(len(vacant_heads), leavers - young_hires)):
                position = vacant_heads[number] if number < len(vacant_heads) else weighted(rng, POSITIONS_BY_TYPE[kind])
                hired = random_date(rng, datetime.date(academic_year, 8, 15), datetime.date(academic_year + 1, 2, 1))
                born_to = datetime.date((1980 if position in HEAD_POSITIONS else 1992) + offset, 12, 31)
                person = make_person(rng, kind, datetime.date(1965 + offset, 1, 1), born_to)
                earliest = person.birth_date.replace(
                    year=person.birth_date.year + 22, day=min(person.birth_date.day, 28)
                )
                person.experience_start = random_date(rng, earliest, min(hired, earliest.replace(year=earliest.year + 6)))
                person.subjects = subjects_for(rng, kind, position)
                person.jobs.append([institution, position, hired, None])
                staff.append(person)
                people.append(person)

    last_day = datetime.date(last_year + 1, 6, 1)
    for person in people:
        assign_category(rng, person, last_day)
    # The history draws from its own generator, so the rest of the demo stays as it was.
    history_rng = random.Random(f"category-history-{first_year}-{last_year}-{len(people)}")
    for person in people:
        category_history(history_rng, person, first_year)
    return people


# --- Seed ----------------------------------------------------------------------------------------


def seed(ctx: DemoContext) -> None:
    """Create the core demo data; on a database that has it, only fill ``ctx`` from it."""
    from core.models import AcademicYear
    from core.models import Municipality

    for start_year in range(ctx.span_start, ctx.span_end + 3):  # the span, the current year and the next
        AcademicYear.objects.get_or_create(start_year=start_year)
    ctx.years = list(
        AcademicYear.objects.filter(start_year__range=(ctx.span_start, ctx.span_end)).order_by("start_year")
    )
    if Municipality.objects.filter(code=DEMO_CITY[1]).exists():
        ctx.log("core: the demo municipality exists, nothing to add")
        load_context(ctx)
        return
    sizes = SCALES[ctx.scale]
    rng = ctx.rng
    positions = _positions()
    subjects = _subjects()
    specs = demo_municipalities(sizes["municipalities"])
    municipalities = Municipality.objects.bulk_create(
        [Municipality(name=name, code=code, kind="district" if "район" in name else "city")
         for name, code, _adj in specs]
    )
    codes = [code for _n, code, _a in specs]
    municipalities = list(Municipality.objects.filter(code__in=codes))
    municipalities.sort(key=lambda m: codes.index(m.code))
    ctx.municipalities = municipalities

    institutions_total = people_total = jobs_total = 0
    for number, municipality in enumerate(municipalities):
        adjective = specs[number][2]
        institutions, people = _seed_municipality(rng, municipality, number, adjective, sizes, positions, subjects,
                                                  ctx)
        institutions_total += len(institutions)
        people_total += len(people)
        jobs_total += sum(len(person.jobs) for person in people)
        if number == 0:
            ctx.extra["demo_people"] = people
        if sizes["municipalities"] > 1 and (number + 1) % 5 == 0:
            ctx.log(f"core: {number + 1} municipalities, {people_total} pedagogues")
    _seed_users(ctx)
    ctx.extra.pop("demo_people", None)
    ctx.log(
        f"core: {len(municipalities)} municipalities, {institutions_total} institutions, "
        f"{people_total} pedagogues, {jobs_total} employment records, {len(ctx.users)} users"
    )


def _positions() -> dict:
    from core.models import Position

    for name, pedagogical, order in EXTRA_POSITIONS:
        Position.objects.get_or_create(name=name, defaults={"is_pedagogical": pedagogical, "order": order})
    return {position.name: position for position in Position.objects.all()}


def _subjects() -> dict:
    from core.models import Subject

    return {subject.name: subject for subject in Subject.objects.all()}


def _seed_municipality(rng, municipality, number, adjective, sizes, positions, subjects, ctx):
    from core.models import CategoryAward
    from core.models import Employment
    from core.models import Institution
    from core.models import Pedagogue
    from core.models import category_valid_until

    rows = institutions_of(rng, municipality, number, adjective, sizes)
    for index, row in enumerate(rows, start=1):  # kindergartens are headed by a заведующий, who is not in the pedagogue directory
        head = make_person(rng, row["type"], ctx.shift(datetime.date(1960, 1, 1)), ctx.shift(datetime.date(1980, 12, 31)))
        row["director"] = f"{head.last_name} {head.first_name} {head.middle_name}"
        row["email"] = f"org{index:02d}@{municipality.code}.edu.example.ru"
    institutions = Institution.objects.bulk_create([Institution(**row) for row in rows])
    institutions = list(Institution.objects.filter(municipality=municipality).order_by("pk"))
    people = simulate(rng, institutions, sizes["staff"], first_year=ctx.span_start, last_year=ctx.span_end)
    directors = {
        job[0].pk: f"{person.last_name} {person.first_name} {person.middle_name}"
        for person in people
        for job in person.jobs
        if job[1] == "директор" and job[3] is None
    }
    for institution in institutions:
        institution.director = directors.get(institution.pk, institution.director)
    Institution.objects.bulk_update(institutions, ["director"])
    if sizes["history"]:
        _history(Institution, institutions)

    pedagogues = []
    for person in people:
        job = next((job for job in reversed(person.jobs) if job[3] is None), None)
        pedagogues.append(
            Pedagogue(
                last_name=person.last_name,
                first_name=person.first_name,
                middle_name=person.middle_name,
                birth_date=person.birth_date,
                municipality=municipality,
                institution=job[0] if job else None,
                position=positions.get(job[1]) if job else None,
                experience_start=person.experience_start,
                category=person.category,
                category_date=person.category_date,
                category_valid_until=category_valid_until(person.category_date) if person.category_date else None,
            )
        )
    Pedagogue.objects.bulk_create(pedagogues, batch_size=2000)
    if pedagogues and pedagogues[0].pk is None:  # a backend without RETURNING: read the ids back in order
        ids = list(Pedagogue.objects.filter(municipality=municipality).order_by("pk").values_list("pk", flat=True))
        for pedagogue, pk in zip(pedagogues, ids, strict=True):
            pedagogue.pk = pk
    if sizes["history"]:
        _history(Pedagogue, pedagogues)
    for person, pedagogue in zip(people, pedagogues, strict=True):
        person.pk = pedagogue.pk
    awards = CategoryAward.objects.bulk_create(
        [
            CategoryAward(pedagogue_id=person.pk, category=category, order_date=day,
                          order_number=f"{100 + (person.pk * 7 + index) % 800}-к",
                          valid_until=category_valid_until(day))
            for person in people
            for index, (category, day) in enumerate(person.awards)
        ],
        batch_size=2000,
    )
    if sizes["history"]:
        _history(CategoryAward, awards)
    # Rates from their own generator too: most pedagogues work one rate, some half or one and a half.
    rate_rng = random.Random(f"rates-{municipality.code}")
    jobs = Employment.objects.bulk_create(
        [
            Employment(pedagogue_id=person.pk, institution=institution, position=positions.get(position),
                       hired=hired, left=left, rate=_demo_rate(rate_rng, position))
            for person in people
            for institution, position, hired, left in person.jobs
        ],
        batch_size=2000,
    )
    if sizes["history"]:
        _history(Employment, jobs)
    through = Pedagogue.subjects.through
    through.objects.bulk_create(
        [
            through(pedagogue_id=person.pk, subject_id=subjects[name].pk)
            for person in people
            for name in dict.fromkeys(person.subjects)
            if name in subjects
        ],
        batch_size=2000,
    )
    return institutions, people


def _demo_rate(rng: random.Random, position: str) -> Decimal:
    if position in HEAD_POSITIONS:
        return Decimal("1")
    roll = rng.random()
    return Decimal("0.5") if roll < 0.12 else (Decimal("1.5") if roll < 0.22 else Decimal("1"))


def _history(model, objects) -> None:
    """Write one "created" history row per object, so the audit trail starts with the demo load."""
    if objects and objects[0].pk is not None:
        model.history.bulk_history_create(objects, batch_size=2000, default_change_reason="Загрузка демо-данных")


def _seed_users(ctx: DemoContext) -> None:
    """Create the six demo users named after their roles, all with ``settings.DEMO_PASSWORD``."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from core.models import Institution
    from core.models import Pedagogue
    from core.models import RoleAssignment
    from core.scoping import Role

    city = ctx.municipality
    school = Institution.objects.get(municipality=city, short_name="СШ № 1")
    people = ctx.extra.get("demo_people", [])
    on = datetime.date(ctx.span_end + 1, 6, 1)
    teacher_candidates = [
        p.pk for p in people
        if p.jobs[-1][0].pk == school.pk and p.jobs[-1][3] is None and p.jobs[-1][1] == "учитель"
        and p.experience_start and p.experience_start.year >= ctx.span_start + 2
    ] or [p.pk for p in people if p.jobs[-1][0].pk == school.pk and p.jobs[-1][3] is None]
    expert_candidates = [
        p.pk for p in people
        if p.jobs[-1][0].type == "general" and p.jobs[-1][0].pk != school.pk and p.jobs[-1][3] is None
        and p.jobs[-1][1] == "учитель" and p.category in ("highest", "methodist", "mentor")
        and p.experience_start and (on - p.experience_start).days > 15 * 365
    ] or [p.pk for p in people if p.jobs[-1][0].pk != school.pk and p.jobs[-1][3] is None]

    password = make_password(settings.DEMO_PASSWORD)
    User = get_user_model()
    names = {
        "admin": ("Администратор", "портала"),
        "head": ("Начальник", "отдела образования"),
        "methodist": ("Методист", "МИМЦ"),
        "expert": ("Эксперт", "экспертного совета"),
        "school": ("Ответственный", "СШ № 1"),
        "teacher": ("Учитель", "СШ № 1"),
    }
    users = {}
    for username in DEMO_USERNAMES:
        first, last = names[username]
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={"password": password, "first_name": first, "last_name": last,
                      "email": f"{username}@metodportal.example.ru",
                      "is_staff": username == "admin", "is_superuser": username == "admin"},
        )
        users[username] = user
    teacher = Pedagogue.objects.get(pk=ctx.rng.choice(teacher_candidates))
    expert = Pedagogue.objects.get(pk=ctx.rng.choice(expert_candidates))
    for pedagogue, username in ((teacher, "teacher"), (expert, "expert")):
        user = users[username]
        pedagogue.user = user
        pedagogue.save(update_fields=["user"])
        users[username].first_name, users[username].last_name = pedagogue.first_name, pedagogue.last_name
        user.save(update_fields=["first_name", "last_name"])
    scopes = {
        "admin": {},
        "head": {"municipality": city},
        "methodist": {"municipality": city},
        "expert": {"municipality": city},
        "school": {"institution": school},
        "teacher": {"institution": school},
    }
    for username, scope in scopes.items():
        RoleAssignment.objects.get_or_create(user=users[username], role=Role(username), **scope)
    ctx.users = users
    ctx.extra.update({"school": school, "teacher_pedagogue": teacher, "expert_pedagogue": expert})


def load_context(ctx: DemoContext) -> None:
    """Fill ``ctx`` from a database that already holds the core demo data."""
    from django.contrib.auth import get_user_model

    from core.models import Institution
    from core.models import Municipality
    from core.models import Pedagogue

    codes = [code for _name, code, _adj in demo_municipalities(SCALES["country"]["municipalities"])]
    municipalities = list(Municipality.objects.filter(code__in=codes))
    municipalities.sort(key=lambda m: codes.index(m.code))
    ctx.municipalities = municipalities
    ctx.users = {user.username: user for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES)}
    ctx.extra["school"] = Institution.objects.filter(municipality=ctx.municipality, short_name="СШ № 1").first()
    for username in ("teacher", "expert"):
        ctx.extra[f"{username}_pedagogue"] = Pedagogue.objects.filter(user__username=username).first()
