"""A full disk, said so: an asset that fails because the disk under ZHAOSHANG_HOME is full fails with a message an
operator acts on (how much is left, that nothing was published, what to do) instead of an errno deep in a
traceback. The run still fails, so nothing downstream of the failed step runs and the published file stays as the
last good night left it."""

from __future__ import annotations

import errno
import functools
import inspect
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from warehouse.home import Paths

# How a full disk reads when it does not come as an OSError: DuckDB's and SQLite's own words.
_FULL_TEXTS = ("No space left on device", "database or disk is full", "Disk quota exceeded")


class DiskFull(RuntimeError):
    pass


def _is_full(err: BaseException | None) -> bool:
    while err is not None:
        if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(text in str(err) for text in _FULL_TEXTS):
            return True
        err = err.__cause__ or err.__context__
    return False


def full_disk_message(where: Paths, err: BaseException) -> str:
    free_mb = shutil.disk_usage(where.home).free / 2**20
    return (f"磁盘空间不足：{where.home} 所在的磁盘只剩 {free_mb:.0f} MB，放不下这次运行要写入的内容，运行已停止。"
            f"已发布的数据仓库没有改动（仍是上一次成功运行的内容），接收目录里的文件都保留着；"
            f"请清理或扩容磁盘后重新运行（make run，或等下一次计划运行），这些文件会被重新读取。"
            f"(No space left on the disk, {free_mb:.0f} MB free: the run stopped, nothing was published; "
            f"free some space and run again.) 原始错误 original error: {type(err).__name__}: {err}")


@contextmanager
def _explained(where: Paths) -> Iterator[None]:
    try:
        yield
    except Exception as err:
        if _is_full(err):
            raise DiskFull(full_disk_message(where, err)) from err
        raise


def explains_full_disk(compute: Callable) -> Callable:
    """Wrap an asset's compute function (context, warehouse) so a full disk fails it with full_disk_message."""
    if inspect.isgeneratorfunction(compute):
        @functools.wraps(compute)
        def generating(context, warehouse):
            with _explained(warehouse.paths):
                yield from compute(context, warehouse)
        return generating

    @functools.wraps(compute)
    def returning(context, warehouse):
        with _explained(warehouse.paths):
            return compute(context, warehouse)
    return returning
