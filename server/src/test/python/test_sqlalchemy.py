"""SQLAlchemy 2 (Core, ORM, reflection of table names) over both PostgreSQL dialects."""
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


@pytest.fixture(params=["psycopg", "psycopg2"])
def engine(request, url_args):
    e = sa.create_engine(f"postgresql+{request.param}://{url_args}")
    yield e
    e.dispose()


def test_core_create_insert_select(engine):
    md = sa.MetaData()
    name = "sa_core_" + engine.dialect.driver
    t = sa.Table(name, md, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                 sa.Column("name", sa.String(50), nullable=False), sa.Column("price", sa.Numeric(10, 2)))
    md.create_all(engine)
    md.create_all(engine)  # checkfirst: has_table reads pg_class/pg_namespace
    with engine.begin() as c:
        c.execute(t.insert(), [{"id": i, "name": f"n{i}", "price": Decimal(i) / 4} for i in range(1, 2501)])
    with engine.connect() as c:
        count, total = c.execute(sa.select(sa.func.count(), sa.func.sum(t.c.price))).one()
        assert (count, total) == (2500, sum(Decimal(i) / 4 for i in range(1, 2501)))
        assert c.execute(sa.select(t.c.name).where(t.c.id == sa.bindparam("k")), {"k": 7}).scalar_one() == "n7"
    assert name in sa.inspect(engine).get_table_names()
    assert sa.inspect(engine).has_table(name)
    md.drop_all(engine)
    assert not sa.inspect(engine).has_table(name)


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "sa_orm_item"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    label: Mapped[str] = mapped_column(sa.String(40))


def test_orm_session(engine):
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add_all([Item(id=i, label=f"item {i}") for i in range(100)])
        s.commit()
    with Session(engine) as s:
        assert s.get(Item, 42).label == "item 42"
        s.get(Item, 42).label = "changed"
        s.commit()
        assert s.scalars(sa.select(Item.label).where(Item.id == 42)).one() == "changed"
        assert s.scalar(sa.select(sa.func.count()).select_from(Item)) == 100
    Base.metadata.drop_all(engine)


def test_reflection_of_keys_and_indexes(engine):
    suffix = engine.dialect.driver
    with engine.begin() as c:
        c.exec_driver_sql(f"CREATE TABLE refl_p_{suffix} (id INTEGER, code VARCHAR UNIQUE, PRIMARY KEY (id))")
        c.exec_driver_sql(f"CREATE TABLE refl_c_{suffix} (a INTEGER, b INTEGER, pid INTEGER REFERENCES refl_p_{suffix}(id), "
                          f"PRIMARY KEY (b, a))")
    insp = sa.inspect(engine)
    pk = insp.get_pk_constraint(f"refl_c_{suffix}")
    assert pk["constrained_columns"] == ["b", "a"]  # in key order, not column order
    fks = insp.get_foreign_keys(f"refl_c_{suffix}")
    assert [(f["constrained_columns"], f["referred_table"], f["referred_columns"]) for f in fks] == [
        (["pid"], f"refl_p_{suffix}", ["id"])]
    uniques = insp.get_unique_constraints(f"refl_p_{suffix}")
    assert [u["column_names"] for u in uniques] == [["code"]]
    indexes = insp.get_indexes(f"refl_p_{suffix}")
    assert [(i["column_names"], i["unique"]) for i in indexes] == [(["code"], True)]
    cols = insp.get_columns(f"refl_c_{suffix}")
    assert [(c["name"], str(c["type"]), c["nullable"]) for c in cols] == [
        ("a", "INTEGER", False), ("b", "INTEGER", False), ("pid", "INTEGER", True)]
    reflected = sa.Table(f"refl_c_{suffix}", sa.MetaData(), autoload_with=engine)
    assert [c.name for c in reflected.primary_key.columns] == ["b", "a"]
    with engine.begin() as c:
        c.exec_driver_sql(f"DROP TABLE refl_c_{suffix}")
        c.exec_driver_sql(f"DROP TABLE refl_p_{suffix}")


class AutoItem(Base):
    __tablename__ = "sa_auto_item"
    id: Mapped[int] = mapped_column(primary_key=True)  # SQLAlchemy's default: SERIAL, ids from RETURNING
    label: Mapped[str] = mapped_column(sa.String(40))


def test_orm_autoincrement_primary_key_is_serial(engine):
    AutoItem.__table__.drop(engine, checkfirst=True)
    AutoItem.__table__.create(engine)
    with Session(engine) as s:
        items = [AutoItem(label=f"auto {i}") for i in range(3000)]
        s.add_all(items)
        s.commit()
        assert sorted(i.id for i in items) == list(range(1, 3001))
    with Session(engine) as s:
        assert s.get(AutoItem, 1234).label == "auto 1233"
    AutoItem.__table__.drop(engine)


def test_temporary_table_names_are_the_connections_own(engine):
    suffix = engine.dialect.driver
    with engine.connect() as c:
        c.exec_driver_sql(f"CREATE TABLE sa_kept_{suffix} (a INTEGER)")
        c.exec_driver_sql(f"CREATE TEMP TABLE sa_scratch_{suffix} (b INTEGER)")
        insp = sa.inspect(c)
        assert f"sa_scratch_{suffix}" in insp.get_temp_table_names()
        assert f"sa_kept_{suffix}" not in insp.get_temp_table_names()
        assert f"sa_scratch_{suffix}" not in insp.get_table_names()
        assert f"sa_kept_{suffix}" in insp.get_table_names()
        assert [col["name"] for col in insp.get_columns(f"sa_scratch_{suffix}")] == ["b"]
        c.commit()
        with engine.connect() as other:
            assert f"sa_scratch_{suffix}" not in sa.inspect(other).get_temp_table_names()
        c.exec_driver_sql(f"DROP TABLE sa_kept_{suffix}")
        c.commit()
