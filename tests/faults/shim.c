/*
 * shim.so: an LD_PRELOAD fault injector for the flashcoop commands.
 *
 *   cc -shared -fPIC -D_GNU_SOURCE -o shim.so shim.c -ldl
 *   FAULT_AT=3 FAULT_OPS=write,fsync FAULT_PATH=/abs/project \
 *       LD_PRELOAD=./shim.so flashcoop-record -C /abs/project sale ...
 *
 * It counts the calls of the chosen classes (FAULT_OPS, comma separated;
 * "io" = open,write,fsync,fdatasync,rename,ftruncate,flock; "all" = io and
 * malloc; default "io"):
 *
 *   open       open open64 openat openat64 creat fopen fopen64 __open_2 ...
 *   write      write (on a file descriptor opened under FAULT_PATH)
 *   fsync      fsync       (idem)
 *   fdatasync  fdatasync   (idem)
 *   rename     rename renameat renameat2 (either name under FAULT_PATH)
 *   ftruncate  ftruncate ftruncate64 (fd opened under FAULT_PATH)
 *   flock      flock (idem: the project's .lock)
 *   malloc     malloc calloc realloc, every call of the process (global)
 *
 * and makes the FAULT_AT-th counted call (1-based) fail, the way FAULT_MODE
 * says:
 *
 *   eio     (default) -1 with EIO; flock ENOLCK; malloc NULL with ENOMEM
 *   enospc  a write writes the first half of its bytes for real and returns
 *           that short count, and the next write on a tracked fd then fails
 *           with ENOSPC (what a full disk does); open, fsync, rename,
 *           ftruncate: -1 with ENOSPC; flock ENOLCK; malloc ENOMEM
 *   eintr   -1 with EINTR and no side effect (malloc: ENOMEM)
 *   short   a write writes the first half and returns the short count
 *           (a 1-byte write is written whole); other classes as eio
 *   kill    the process kills itself with SIGKILL instead of making the
 *           call (a crash just before it; FAULT_AT=N+1 is just after N)
 *
 * FAULT_COUNT=K makes K consecutive counted calls fail from FAULT_AT on
 * (default 1; 0 = every call from FAULT_AT on: a disk that stays broken).
 *
 * FAULT_PATH=/abs/prefix: only files at or below it count (open, rename;
 * write, fsync, ftruncate and flock on the descriptors opened there).
 * Relative names are resolved against the current folder or the dirfd.
 * Unset: every file counts.  malloc always counts globally.
 *
 * FAULT_LOG=path: each injected fault appends "CLASS CALL MODE N TARGET\n"
 * (so a loop knows when N went past the last call: nothing appended).
 * FAULT_TRACE=path: every counted call appends "N CLASS CALL TARGET\n".
 * FAULT_TOTAL=path: at exit, appends the number of counted calls.
 * FAULT_SKIP_LIBS=libcrypto,...: malloc, calloc and realloc called from
 * code of a library whose file name holds one of these words are not
 * counted (OpenSSL's start-up makes thousands of allocations).
 * A debugger sees each injected fault at the function fault_fired().
 *
 * Counting starts when the shim's constructor runs (before main), so the
 * loader's and libc's own start-up allocations are never failed.  The
 * allocations are served by glibc's __libc_malloc, __libc_calloc and
 * __libc_realloc: no dlsym for them, so no recursion through dlsym's own
 * calloc.  The shim's own logging goes through raw system calls: it neither
 * allocates nor counts.  Writes made through stdio (fprintf, fwrite) go
 * through libc's internal write and are not seen; the commands write their
 * files with write(2).  Not for use with ASan (which replaces malloc).
 */
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

enum cls { C_OPEN, C_WRITE, C_FSYNC, C_FDATASYNC, C_RENAME, C_FTRUNCATE,
           C_FLOCK, C_MALLOC, C_N };
static const char *const cls_name[C_N] = {
	"open", "write", "fsync", "fdatasync", "rename", "ftruncate", "flock",
	"malloc"
};

enum mode { M_EIO, M_ENOSPC, M_EINTR, M_SHORT, M_KILL };
static const char *const mode_name[] = { "eio", "enospc", "eintr", "short",
                                         "kill" };

static bool ready;            /* constructor ran: counting is on */
static int busy;              /* inside the shim: do not count */
static unsigned want;         /* bit per class */
static unsigned long at, fail_count = 1, counter;
static enum mode mode;
static char prefix[4096];
static size_t prefix_len;
static char log_path[4096], trace_path[4096], total_path[4096];
static bool enospc_pending;

#define MAXSKIP 8
static struct { uintptr_t lo, hi; } skip[MAXSKIP];
static int nskip;
static char skip_libs[256];

#define MAXFD 65536
static unsigned char tracked[MAXFD];

/* ---- the real functions ---- */

static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real_open_2)(const char *, int);
static int (*real_open64_2)(const char *, int);
static int (*real_openat_2)(int, const char *, int);
static int (*real_creat)(const char *, mode_t);
static FILE *(*real_fopen)(const char *, const char *);
static FILE *(*real_fopen64)(const char *, const char *);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_renameat2)(int, const char *, int, const char *, unsigned);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off_t);
static int (*real_flock)(int, int);
static int (*real_close)(int);

static void *sym(const char *name)
{
	void *p;
	busy++;
	p = dlsym(RTLD_NEXT, name);
	busy--;
	return p;
}

#define RESOLVE(var, name) \
	do { if (!(var)) *(void **)&(var) = sym(name); } while (0)

static void resolve_all(void)
{
	RESOLVE(real_open, "open");
	RESOLVE(real_open64, "open64");
	RESOLVE(real_openat, "openat");
	RESOLVE(real_openat64, "openat64");
	RESOLVE(real_open_2, "__open_2");
	RESOLVE(real_open64_2, "__open64_2");
	RESOLVE(real_openat_2, "__openat_2");
	RESOLVE(real_creat, "creat");
	RESOLVE(real_fopen, "fopen");
	RESOLVE(real_fopen64, "fopen64");
	RESOLVE(real_write, "write");
	RESOLVE(real_fsync, "fsync");
	RESOLVE(real_fdatasync, "fdatasync");
	RESOLVE(real_rename, "rename");
	RESOLVE(real_renameat, "renameat");
	RESOLVE(real_renameat2, "renameat2");
	RESOLVE(real_ftruncate, "ftruncate");
	RESOLVE(real_ftruncate64, "ftruncate64");
	RESOLVE(real_flock, "flock");
	RESOLVE(real_close, "close");
}

/* ---- small helpers that neither allocate nor count ---- */

static size_t cpy(char *dst, size_t size, const char *src)
{
	size_t n = 0;
	if (!size)
		return 0;
	while (src && src[n] && n + 1 < size) {
		dst[n] = src[n];
		n++;
	}
	dst[n] = '\0';
	return n;
}

static char *put_s(char *p, char *end, const char *s)
{
	while (s && *s && p < end)
		*p++ = *s++;
	return p;
}

static char *put_u(char *p, char *end, unsigned long v)
{
	char d[24];
	int n = 0;
	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < 24);
	while (n && p < end)
		*p++ = d[--n];
	return p;
}

static void append_line(const char *path, const char *line, size_t len)
{
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path,
	                      O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	(void)syscall(SYS_write, fd, line, len);
	(void)syscall(SYS_close, fd);
}

static unsigned long parse_ul(const char *s, unsigned long def)
{
	unsigned long v = 0;
	if (!s || !*s)
		return def;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (unsigned long)(*s - '0');
	return v;
}

static void parse_ops(const char *s)
{
	char word[32];
	want = 0;
	if (!s || !*s)
		s = "io";
	while (*s) {
		size_t n = 0;
		while (*s && *s != ',' && n + 1 < sizeof word)
			word[n++] = *s++;
		word[n] = '\0';
		if (*s == ',')
			s++;
		if (!strcmp(word, "io") || !strcmp(word, "all"))
			want |= (1u << C_MALLOC) - 1;
		if (!strcmp(word, "all"))
			want |= 1u << C_MALLOC;
		if (!strcmp(word, "calloc") || !strcmp(word, "realloc"))
			want |= 1u << C_MALLOC;
		if (!strcmp(word, "openat") || !strcmp(word, "open64") ||
		    !strcmp(word, "fopen"))
			want |= 1u << C_OPEN;
		if (!strcmp(word, "renameat"))
			want |= 1u << C_RENAME;
		for (int c = 0; c < C_N; c++)
			if (!strcmp(word, cls_name[c]))
				want |= 1u << c;
	}
}

/* The address ranges of the libraries named in FAULT_SKIP_LIBS. */
static int find_skipped(struct dl_phdr_info *info, size_t size, void *data)
{
	const char *name = info->dlpi_name, *w = skip_libs;
	bool match = false;
	uintptr_t lo = UINTPTR_MAX, hi = 0;

	(void)size;
	(void)data;
	if (!name || !*name || nskip == MAXSKIP)
		return 0;
	while (*w && !match) {
		char word[64];
		size_t n = 0;
		while (*w && *w != ',' && n + 1 < sizeof word)
			word[n++] = *w++;
		word[n] = '\0';
		if (*w == ',')
			w++;
		match = n && strstr(name, word);
	}
	if (!match)
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD)
			continue;
		if (info->dlpi_addr + ph->p_vaddr < lo)
			lo = info->dlpi_addr + ph->p_vaddr;
		if (info->dlpi_addr + ph->p_vaddr + ph->p_memsz > hi)
			hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
	}
	if (lo < hi) {
		skip[nskip].lo = lo;
		skip[nskip].hi = hi;
		nskip++;
	}
	return 0;
}

static bool skipped(const void *caller)
{
	uintptr_t a = (uintptr_t)caller;
	for (int i = 0; i < nskip; i++)
		if (a >= skip[i].lo && a < skip[i].hi)
			return true;
	return false;
}

__attribute__((constructor)) static void shim_init(void)
{
	const char *m = getenv("FAULT_MODE");
	busy++;
	at = parse_ul(getenv("FAULT_AT"), 0);
	fail_count = parse_ul(getenv("FAULT_COUNT"), 1);
	parse_ops(getenv("FAULT_OPS"));
	mode = M_EIO;
	for (int i = 0; m && i < 5; i++)
		if (!strcmp(m, mode_name[i]))
			mode = (enum mode)i;
	prefix_len = cpy(prefix, sizeof prefix, getenv("FAULT_PATH"));
	while (prefix_len > 1 && prefix[prefix_len - 1] == '/')
		prefix[--prefix_len] = '\0';
	cpy(log_path, sizeof log_path, getenv("FAULT_LOG"));
	cpy(trace_path, sizeof trace_path, getenv("FAULT_TRACE"));
	cpy(total_path, sizeof total_path, getenv("FAULT_TOTAL"));
	cpy(skip_libs, sizeof skip_libs, getenv("FAULT_SKIP_LIBS"));
	if (*skip_libs)
		dl_iterate_phdr(find_skipped, NULL);
	resolve_all();
	busy--;
	ready = true;
}

__attribute__((destructor)) static void shim_fini(void)
{
	char line[64], *p = line, *end = line + sizeof line - 1;
	if (!*total_path)
		return;
	p = put_u(p, end, counter);
	*p++ = '\n';
	append_line(total_path, line, (size_t)(p - line));
}

/* Is path (relative to dirfd) at or below FAULT_PATH? */
static bool under(int dirfd, const char *path)
{
	char full[8192];
	size_t n = 0;

	if (!prefix_len)
		return true;
	if (!path)
		return false;
	if (path[0] != '/') {
		if (dirfd == AT_FDCWD) {
			long r = syscall(SYS_getcwd, full, sizeof full - 2);
			if (r <= 0)
				return false;
			n = strlen(full);
		} else {
			char link[64], *p = link, *end = link + sizeof link - 1;
			long r;
			p = put_s(p, end, "/proc/self/fd/");
			p = put_u(p, end, (unsigned long)dirfd);
			*p = '\0';
			r = syscall(SYS_readlink, link, full, sizeof full - 2);
			if (r <= 0)
				return false;
			n = (size_t)r;
			full[n] = '\0';
		}
		if (n && full[n - 1] != '/')
			full[n++] = '/';
		/* "./x" is "x" */
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		if (path[0] == '.' && path[1] == '\0')
			path++;
	}
	cpy(full + n, sizeof full - n, path);
	n = strlen(full);
	while (n > 1 && full[n - 1] == '/')
		full[--n] = '\0';
	return strncmp(full, prefix, prefix_len) == 0 &&
	       (full[prefix_len] == '\0' || full[prefix_len] == '/' ||
	        prefix[prefix_len - 1] == '/');
}

/* Called when a fault is injected: a place for a debugger's breakpoint
 * ("break fault_fired"), so that the stack of the failed call is seen. */
__attribute__((noinline, visibility("default"))) void
fault_fired(const char *cls, const char *call)
{
	__asm__ volatile("" : : "r"(cls), "r"(call) : "memory");
}

/* Count one call of class c; true when it is to fail. */
static bool hit(enum cls c, const char *call, const char *target)
{
	bool fire;
	char line[512], *p = line, *end = line + sizeof line - 1;

	if (!ready || busy || !(want & (1u << c)))
		return false;
	busy++;
	counter++;
	fire = at && counter >= at &&
	       (fail_count == 0 || counter < at + fail_count);
	if (*trace_path) {
		p = put_u(p, end, counter);
		p = put_s(p, end, " ");
		p = put_s(p, end, cls_name[c]);
		p = put_s(p, end, " ");
		p = put_s(p, end, call);
		p = put_s(p, end, " ");
		p = put_s(p, end, target ? target : "-");
		*p++ = '\n';
		append_line(trace_path, line, (size_t)(p - line));
	}
	if (fire && *log_path) {
		p = line;
		p = put_s(p, end, cls_name[c]);
		p = put_s(p, end, " ");
		p = put_s(p, end, call);
		p = put_s(p, end, " ");
		p = put_s(p, end, mode_name[mode]);
		p = put_s(p, end, " ");
		p = put_u(p, end, counter);
		p = put_s(p, end, " ");
		p = put_s(p, end, target ? target : "-");
		*p++ = '\n';
		append_line(log_path, line, (size_t)(p - line));
	}
	if (fire)
		fault_fired(cls_name[c], call);
	if (fire && mode == M_KILL)
		syscall(SYS_kill, syscall(SYS_getpid), SIGKILL);
	busy--;
	return fire;
}

static int io_errno(void)
{
	return mode == M_ENOSPC ? ENOSPC : mode == M_EINTR ? EINTR : EIO;
}

static bool fd_tracked(int fd)
{
	return !prefix_len || (fd >= 0 && fd < MAXFD && tracked[fd]);
}

static void track(int fd, bool yes)
{
	if (fd >= 0 && fd < MAXFD)
		tracked[fd] = yes;
}

static const char *fd_name(int fd, char *buf, size_t size)
{
	char *p = buf, *end = buf + size - 1;
	p = put_s(p, end, "fd ");
	p = put_u(p, end, (unsigned long)fd);
	*p = '\0';
	return buf;
}

/* ---- open ---- */

static bool has_mode(int flags)
{
#ifdef O_TMPFILE
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return true;
#endif
	return (flags & O_CREAT) != 0;
}

static int opened(int dirfd, const char *path, const char *call, bool *in)
{
	*in = ready && !busy && under(dirfd, path);
	if (*in && hit(C_OPEN, call, path)) {
		errno = io_errno();
		return -1;
	}
	return 0;
}

static int after_open(int fd, bool in)
{
	if (fd >= 0)
		track(fd, in);
	return fd;
}

#define OPEN_BODY(real, dirfd, call, ...)                                  \
	bool in;                                                           \
	mode_t m = 0;                                                      \
	if (has_mode(flags)) {                                             \
		va_list ap;                                                \
		va_start(ap, flags);                                       \
		m = (mode_t)va_arg(ap, int);                               \
		va_end(ap);                                                \
	}                                                                  \
	resolve_all();                                                     \
	if (opened(dirfd, path, call, &in) < 0)                            \
		return -1;                                                 \
	return after_open(real(__VA_ARGS__, flags, m), in)

int open(const char *path, int flags, ...)
{
	OPEN_BODY(real_open, AT_FDCWD, "open", path);
}

int open64(const char *path, int flags, ...)
{
	OPEN_BODY(real_open64, AT_FDCWD, "open64", path);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	OPEN_BODY(real_openat, dirfd, "openat", dirfd, path);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	OPEN_BODY(real_openat64, dirfd, "openat64", dirfd, path);
}

int __open_2(const char *path, int flags)
{
	bool in;
	resolve_all();
	if (opened(AT_FDCWD, path, "__open_2", &in) < 0)
		return -1;
	return after_open(real_open_2(path, flags), in);
}

int __open64_2(const char *path, int flags)
{
	bool in;
	resolve_all();
	if (opened(AT_FDCWD, path, "__open64_2", &in) < 0)
		return -1;
	return after_open(real_open64_2(path, flags), in);
}

int __openat_2(int dirfd, const char *path, int flags)
{
	bool in;
	resolve_all();
	if (opened(dirfd, path, "__openat_2", &in) < 0)
		return -1;
	return after_open(real_openat_2(dirfd, path, flags), in);
}

int creat(const char *path, mode_t m)
{
	bool in;
	resolve_all();
	if (opened(AT_FDCWD, path, "creat", &in) < 0)
		return -1;
	return after_open(real_creat(path, m), in);
}

/* A stream's descriptor is closed by fclose, which the shim does not see:
 * it is counted as an open but not tracked for write and fsync. */
FILE *fopen(const char *path, const char *how)
{
	bool in;
	resolve_all();
	if (opened(AT_FDCWD, path, "fopen", &in) < 0)
		return NULL;
	return real_fopen(path, how);
}

FILE *fopen64(const char *path, const char *how)
{
	bool in;
	resolve_all();
	if (opened(AT_FDCWD, path, "fopen64", &in) < 0)
		return NULL;
	return real_fopen64(path, how);
}

int close(int fd)
{
	resolve_all();
	track(fd, false);
	return real_close(fd);
}

/* ---- write, fsync, ftruncate, flock ---- */

ssize_t write(int fd, const void *buf, size_t len)
{
	char name[32];
	resolve_all();
	if (!ready || busy || !fd_tracked(fd))
		return real_write(fd, buf, len);
	if (enospc_pending) {
		enospc_pending = false;
		errno = ENOSPC;
		return -1;
	}
	if (hit(C_WRITE, "write", fd_name(fd, name, sizeof name))) {
		if ((mode == M_SHORT || mode == M_ENOSPC) && len >= 2) {
			ssize_t n = real_write(fd, buf, len / 2);
			if (n >= 0 && mode == M_ENOSPC)
				enospc_pending = true;
			return n;
		}
		if (mode == M_SHORT)
			return real_write(fd, buf, len);
		errno = io_errno();
		return -1;
	}
	return real_write(fd, buf, len);
}

#define FD_CALL(cls, call, realcall, ...)                                  \
	do {                                                               \
		char name[32];                                             \
		resolve_all();                                             \
		if (ready && !busy && fd_tracked(fd) &&                    \
		    hit(cls, call, fd_name(fd, name, sizeof name))) {      \
			errno = io_errno();                                \
			return -1;                                         \
		}                                                          \
		return realcall(__VA_ARGS__);                              \
	} while (0)

int fsync(int fd)
{
	FD_CALL(C_FSYNC, "fsync", real_fsync, fd);
}

int fdatasync(int fd)
{
	FD_CALL(C_FDATASYNC, "fdatasync", real_fdatasync, fd);
}

int ftruncate(int fd, off_t len)
{
	FD_CALL(C_FTRUNCATE, "ftruncate", real_ftruncate, fd, len);
}

int ftruncate64(int fd, off_t len)
{
	FD_CALL(C_FTRUNCATE, "ftruncate64", real_ftruncate64, fd, len);
}

int flock(int fd, int op)
{
	char name[32];
	resolve_all();
	if (ready && !busy && fd_tracked(fd) &&
	    hit(C_FLOCK, "flock", fd_name(fd, name, sizeof name))) {
		errno = mode == M_EINTR ? EINTR : ENOLCK;
		return -1;
	}
	return real_flock(fd, op);
}

/* ---- rename ---- */

static bool rename_hit(int fd1, const char *a, int fd2, const char *b,
                       const char *call)
{
	return ready && !busy && (under(fd1, a) || under(fd2, b)) &&
	       hit(C_RENAME, call, b);
}

int rename(const char *a, const char *b)
{
	resolve_all();
	if (rename_hit(AT_FDCWD, a, AT_FDCWD, b, "rename")) {
		errno = io_errno();
		return -1;
	}
	return real_rename(a, b);
}

int renameat(int fd1, const char *a, int fd2, const char *b)
{
	resolve_all();
	if (rename_hit(fd1, a, fd2, b, "renameat")) {
		errno = io_errno();
		return -1;
	}
	return real_renameat(fd1, a, fd2, b);
}

int renameat2(int fd1, const char *a, int fd2, const char *b, unsigned fl)
{
	resolve_all();
	if (rename_hit(fd1, a, fd2, b, "renameat2")) {
		errno = io_errno();
		return -1;
	}
	return real_renameat2(fd1, a, fd2, b, fl);
}

/* ---- memory: the libc's own allocator underneath, no dlsym ---- */

void *malloc(size_t n)
{
	if (!(nskip && skipped(__builtin_return_address(0))) &&
	    hit(C_MALLOC, "malloc", NULL)) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (!(nskip && skipped(__builtin_return_address(0))) &&
	    hit(C_MALLOC, "calloc", NULL)) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	/* realloc(p, 0) frees: not a place where memory runs out. */
	if (!(p && n == 0) &&
	    !(nskip && skipped(__builtin_return_address(0))) &&
	    hit(C_MALLOC, "realloc", NULL)) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n);
}
