/*
 * gnuplot.c - gnuplot draws mot's charts. It is run without a shell: fork,
 * chdir into the charts folder, exec with -d (so no ~/.gnuplot is loaded)
 * and the script's file name; its standard input is /dev/null and what it
 * prints is kept in a temporary file, shown only when it fails. An exec that
 * fails is reported back through a close-on-exec pipe, so a missing gnuplot
 * is told apart from one that ran and failed. Text from the input reaches a
 * script only through gp_string, which leaves gnuplot nothing to interpret.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "afile.h"
#include "fmt.h"
#include "gnuplot.h"
#include "log.h"
#include "xmalloc.h"

/* What a child tells its parent when it could not start gnuplot. */
struct gp_failure {
	int	stage;		/* 0 chdir, 1 exec */
	int	err;
};

/* At most this much of gnuplot's own message is repeated. */
#define GP_MESSAGE_MAX	2000

const char *
gp_program(const char *option)
{
	const char	*env;

	if (option != NULL && *option != '\0')
		return (option);
	if ((env = getenv("MOT_GNUPLOT")) != NULL && *env != '\0')
		return (env);
	return ("gnuplot");
}

static void
child_fail(int fd, int stage)
{
	struct gp_failure	f;
	ssize_t			n;

	f.stage = stage;
	f.err = errno;
	n = write(fd, &f, sizeof f);
	(void)n;
	_exit(127);
}

int
gp_spawn(struct gp_proc *p, const char *prog, const char *dir,
    const char *script, const char *fmt, const char *more, int to_stdout,
    char *const *env, char **cause)
{
	char	*argv[6], *vars, *path, opt_d[] = "-d", opt_e[] = "-e";
	int	 pfd[2], null;
	size_t	 i;

	memset(p, 0, sizeof *p);
	p->errpipe = -1;
	if ((p->err = tmpfile()) == NULL) {
		*cause = xasprintf("cannot make a temporary file for gnuplot: "
		    "%s", strerror(errno));
		return (-1);
	}
	if (pipe(pfd) == -1) {
		*cause = xasprintf("cannot make a pipe: %s", strerror(errno));
		fclose(p->err);
		p->err = NULL;
		return (-1);
	}
	p->script = xstrdup(script);
	p->fmt = xstrdup(fmt);
	(void)fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
	/* mot's own words only: a format, a file name it made, a number. */
	if (more != NULL)
		vars = xasprintf("fmt=\"%s\"; %s", fmt, more);
	else
		vars = xasprintf("fmt=\"%s\"", fmt);
	path = xstrdup(prog);
	argv[0] = path;
	argv[1] = opt_d;
	argv[2] = opt_e;
	argv[3] = vars;
	argv[4] = p->script;
	argv[5] = NULL;
	fflush(NULL);	/* the child must not write any buffer a second time */
	/* In a group of its own when it draws to a file: ended with mot. */
	afile_fork_begin(!to_stdout);
	p->pid = fork();
	if (p->pid != 0)
		afile_fork_end(p->pid);
	switch (p->pid) {
	case -1:
		*cause = xasprintf("cannot start gnuplot: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		free(vars);
		free(path);
		fclose(p->err);
		free(p->script);
		free(p->fmt);
		memset(p, 0, sizeof *p);
		p->errpipe = -1;
		return (-1);
	case 0:
		afile_fork_child();
		close(pfd[0]);
		if (dir != NULL && chdir(dir) == -1)
			child_fail(pfd[1], 0);
		if ((null = open("/dev/null", O_RDONLY)) != -1) {
			dup2(null, STDIN_FILENO);
			if (null != STDIN_FILENO)
				close(null);
		}
		if (!to_stdout)
			dup2(fileno(p->err), STDOUT_FILENO);
		dup2(fileno(p->err), STDERR_FILENO);
		for (i = 0; env != NULL && env[i] != NULL; i++)
			putenv(env[i]);
		execvp(path, argv);
		child_fail(pfd[1], 1);
	}
	close(pfd[1]);
	p->errpipe = pfd[0];
	free(vars);
	free(path);
	return (0);
}

/* gnuplot's message: the end of what it printed, on one line (": a / b"). */
static char *
gp_message(FILE *f)
{
	char	*buf, *out;
	long	 size;
	size_t	 n, i, k;
	int	 bol = 1;

	if (fflush(f) != 0 || fseek(f, 0, SEEK_END) != 0 ||
	    (size = ftell(f)) <= 0)
		return (xstrdup(""));
	if (size > GP_MESSAGE_MAX)
		(void)fseek(f, size - GP_MESSAGE_MAX, SEEK_SET);
	else
		rewind(f);
	buf = xmalloc(GP_MESSAGE_MAX + 1);
	n = fread(buf, 1, GP_MESSAGE_MAX, f);
	out = xmalloc(4 * n + 4);
	k = 0;
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			bol = 1;
			continue;
		}
		if ((bol && (buf[i] == ' ' || buf[i] == '\t')) ||
		    ((unsigned char)buf[i] < 0x20 && buf[i] != '\t'))
			continue;
		if (bol) {
			memcpy(out + k, k == 0 ? ": " : " / ", k == 0 ? 2 : 3);
			k += k == 0 ? 2 : 3;
			bol = 0;
		}
		out[k++] = buf[i];
	}
	while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == '\t'))
		k--;
	out[k] = '\0';
	free(buf);
	return (out);
}

int
gp_wait(struct gp_proc *p, int *missing, char **cause)
{
	struct gp_failure	 f;
	siginfo_t		 si;
	ssize_t			 n;
	int			 st = 0, rc = -1;
	char			*msg;

	*missing = 0;
	/* Ended but not reaped, so its pid is not yet anyone else's. */
	while (waitid(P_PID, (id_t)p->pid, &si, WEXITED | WNOWAIT) == -1) {
		if (errno != EINTR) {
			*cause = xasprintf("gnuplot on %s: %s", p->script,
			    strerror(errno));
			goto out;
		}
	}
	afile_child_done(p->pid);
	while (waitpid(p->pid, &st, 0) == -1) {
		if (errno != EINTR) {
			*cause = xasprintf("gnuplot on %s: %s", p->script,
			    strerror(errno));
			goto out;
		}
	}
	do
		n = read(p->errpipe, &f, sizeof f);
	while (n == -1 && errno == EINTR);
	if (n == (ssize_t)sizeof f) {
		if (f.stage == 1) {
			*missing = 1;
			*cause = xstrdup(strerror(f.err));
		} else
			*cause = xasprintf("gnuplot on %s: cannot enter the "
			    "charts folder: %s", p->script, strerror(f.err));
		goto out;
	}
	msg = gp_message(p->err);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		if (*msg != '\0')
			verbosef("gnuplot on %s (%s) said%s", p->script, p->fmt,
			    msg);
		rc = 0;
	} else if (WIFEXITED(st))
		*cause = xasprintf("gnuplot failed on %s (%s), exit status "
		    "%d%s", p->script, p->fmt, WEXITSTATUS(st), msg);
	else
		*cause = xasprintf("gnuplot crashed on %s (%s), killed by "
		    "signal %d (%s)%s", p->script, p->fmt,
		    WIFSIGNALED(st) ? WTERMSIG(st) : 0,
		    WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "?", msg);
	free(msg);
out:
	afile_child_done(p->pid);
	if (p->errpipe != -1)
		close(p->errpipe);
	if (p->err != NULL)
		fclose(p->err);
	free(p->script);
	free(p->fmt);
	memset(p, 0, sizeof *p);
	p->errpipe = -1;
	return (rc);
}

void
gp_string(FILE *f, const char *s, size_t max, int tic)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 chars = 0, total = utf8_chars(s);

	fputc('"', f);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p & 0xc0) != 0x80 && max > 0 && total > max &&
		    chars++ == max - 1) {
			fputs("\xe2\x80\xa6", f);	/* an ellipsis */
			break;
		}
		switch (*p) {
		case '\\':
			fputs("\\\\", f);
			break;
		case '"':
			fputs("\\\"", f);
			break;
		case '`':	/* gnuplot runs what is between backquotes */
			fputs("\\140", f);
			break;
		case '%':
			fputs(tic ? "%%" : "%", f);
			break;
		default:
			fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, f);
		}
	}
	fputc('"', f);
}

void
gp_datfield(FILE *f, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, f);
}

void
gp_num(FILE *f, double v)
{
	char	buf[64];

	if (isnan(v) || isinf(v)) {
		fputs("NaN", f);
		return;
	}
	snprintf(buf, sizeof buf, "%.6g", v);
	fputs(strcmp(buf, "-0") == 0 ? "0" : buf, f);
}
