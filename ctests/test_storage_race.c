/* ctests/test_storage_race.c - many processes create the same persistent ids.
 *
 *   test_storage_race [-n IDS] [-p PROCS]           processes forked from this one
 *   test_storage_race --pidns [-n IDS] [-p PROCS]   each process PID 1 in its own PID
 *                                                   namespace (unshare --pid --fork
 *                                                   --mount-proc), like containers
 *                                                   sharing one volume
 *   test_storage_race worker DIR INDEX IDS GOFD RESULT   (one process; internal)
 *
 * Every process tries to create every id 1..IDS in one shared storage directory,
 * each with its own material (process index and id in the bytes). All start at
 * once (they wait for a pipe to close). Afterwards every id must have exactly one
 * process that got PSA_SUCCESS, all others PSA_ERROR_ALREADY_EXISTS (no other
 * status), the stored key must hold the winner's material, and the directory must
 * hold exactly IDS key files and nothing else (no temporary file). Even processes
 * go through the ids upwards, odd ones downwards. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PROCS 32
#define KEY_LEN 16

/* What a worker writes to its result file. */
typedef struct {
    int32_t pid;      /* getpid() in the worker: 1 in its own namespace */
    int32_t init;     /* psa_crypto_init status */
    int32_t status[]; /* per id (index id - 1) */
} result_t;

static void material(int index, uint32_t id, uint8_t out[KEY_LEN])
{
    int i;
    for (i = 0; i < KEY_LEN; i++)
        out[i] = (uint8_t)(0xa5 ^ (index * 37) ^ (i * 11));
    out[0] = (uint8_t)index;
    out[1] = (uint8_t)(id >> 24);
    out[2] = (uint8_t)(id >> 16);
    out[3] = (uint8_t)(id >> 8);
    out[4] = (uint8_t)id;
}

static int worker(const char *dir, int index, int ids, int gofd, const char *result)
{
    size_t size = sizeof(result_t) + (size_t)ids * sizeof(int32_t);
    result_t *r = calloc(1, size);
    char c;
    int i, fd;
    if (r == NULL)
        return 3;
    r->pid = (int32_t)getpid();
    r->init = rustpsa_set_storage_dir(dir);
    if (r->init == PSA_SUCCESS)
        r->init = psa_crypto_init();
    /* start together: the parent closes the pipe */
    while (read(gofd, &c, 1) < 0 && errno == EINTR) {
    }
    close(gofd);
    for (i = 0; i < ids && r->init == PSA_SUCCESS; i++) {
        uint32_t id = (uint32_t)(index % 2 == 0 ? i + 1 : ids - i);
        uint8_t key[KEY_LEN];
        psa_key_id_t k = 0;
        material(index, id, key);
        r->status[id - 1] = ct_import_persistent(id, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT,
                                                 0, key, sizeof key, &k);
    }
    fd = open(result, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, r, size) != (ssize_t)size) {
        free(r);
        return 4;
    }
    close(fd);
    free(r);
    mbedtls_psa_crypto_free();
    return 0;
}

/* Whether `unshare --pid --fork --mount-proc` works here; the reason if not. */
static int pidns_available(char *why, size_t n)
{
    int rc;
    if (geteuid() != 0) {
        snprintf(why, n, "not root (euid %d): unshare --pid needs CAP_SYS_ADMIN", (int)geteuid());
        return 0;
    }
    rc = system("unshare --pid --fork --mount-proc sh -c 'test $$ -eq 1' >/dev/null 2>&1");
    if (rc != 0) {
        snprintf(why, n, "'unshare --pid --fork --mount-proc' failed here (status %d)", rc);
        return 0;
    }
    return 1;
}

static int count_entries(const char *dir, int *keys, int *others)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    *keys = *others = 0;
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        unsigned id;
        char tail;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (sscanf(e->d_name, "key-%8x.ps%c", &id, &tail) == 2 && tail == 'a' &&
            strlen(e->d_name) == 16)
            (*keys)++;
        else {
            fprintf(stderr, "# unexpected entry %s\n", e->d_name);
            (*others)++;
        }
    }
    closedir(d);
    return 1;
}

static int run_race(int pidns, int procs, int ids)
{
    char *dir = ct_make_temp_dir("race");
    char *resdir = ct_make_temp_dir("race-results");
    char self[4096], why[256];
    pid_t pids[MAX_PROCS];
    int go[2], i, p;
    ssize_t len;
    int winners = 0, no_winner = 0, multi = 0, wrong = 0, odd_status = 0, bad_pid = 0;
    int *winner = calloc((size_t)ids, sizeof(int));
    result_t *res[MAX_PROCS] = {0};
    const char *label = pidns ? "pid-namespace" : "plain";

    if (pidns && !pidns_available(why, sizeof why)) {
        printf("race(%s): SKIPPED the namespace variant: %s\n", label, why);
        ct_remove_dir(dir);
        ct_remove_dir(resdir);
        free(dir);
        free(resdir);
        free(winner);
        return report();
    }
    len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (!CHECK(len > 0) || !CHECK(winner != NULL) || !CHECK(pipe(go) == 0))
        return report();
    self[len] = 0;
    /* the write end must not reach the workers, or they never see EOF */
    CHECK(fcntl(go[1], F_SETFD, FD_CLOEXEC) == 0);
    for (p = 0; p < procs; p++) {
        char result[1200];
        snprintf(result, sizeof result, "%s/res-%d", resdir, p);
        pids[p] = fork();
        if (pids[p] == 0) {
            close(go[1]);
            if (pidns) {
                char a_index[16], a_ids[16], a_fd[16];
                snprintf(a_index, sizeof a_index, "%d", p);
                snprintf(a_ids, sizeof a_ids, "%d", ids);
                snprintf(a_fd, sizeof a_fd, "%d", go[0]);
                execlp("unshare", "unshare", "--pid", "--fork", "--mount-proc", self, "worker", dir,
                       a_index, a_ids, a_fd, result, (char *)NULL);
                _exit(127);
            }
            _exit(worker(dir, p, ids, go[0], result));
        }
        CHECK(pids[p] > 0);
    }
    close(go[0]);
    usleep(200 * 1000); /* let every worker reach the pipe */
    close(go[1]);
    for (p = 0; p < procs; p++) {
        int st = 0;
        if (pids[p] > 0 && CHECK(waitpid(pids[p], &st, 0) == pids[p]))
            CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    /* read the results */
    for (p = 0; p < procs; p++) {
        char result[1200];
        size_t size = sizeof(result_t) + (size_t)ids * sizeof(int32_t);
        FILE *f;
        snprintf(result, sizeof result, "%s/res-%d", resdir, p);
        res[p] = calloc(1, size);
        f = fopen(result, "rb");
        if (CHECK(f != NULL)) {
            CHECK(fread(res[p], size, 1, f) == 1);
            fclose(f);
        }
        CHECK_STATUS(res[p]->init, PSA_SUCCESS);
        if (pidns && res[p]->pid != 1)
            bad_pid++;
    }
    for (i = 0; i < ids; i++) {
        int n = 0;
        winner[i] = -1;
        for (p = 0; p < procs; p++) {
            psa_status_t s = res[p]->status[i];
            if (s == PSA_SUCCESS) {
                n++;
                winner[i] = p;
            } else if (s != PSA_ERROR_ALREADY_EXISTS) {
                if (odd_status < 5)
                    fprintf(stderr, "# id %d process %d: %s\n", i + 1, p, ct_status_name(s));
                odd_status++;
            }
        }
        if (n == 0)
            no_winner++;
        else if (n > 1)
            multi++;
        else
            winners++;
    }
    /* the stored material is the winner's */
    if (CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS) &&
        CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        for (i = 0; i < ids; i++) {
            uint8_t got[KEY_LEN], want[KEY_LEN];
            size_t olen = 0;
            psa_status_t s = psa_export_key((psa_key_id_t)(i + 1), got, sizeof got, &olen);
            if (winner[i] < 0)
                continue;
            material(winner[i], (uint32_t)(i + 1), want);
            if (s != PSA_SUCCESS || olen != KEY_LEN || memcmp(got, want, KEY_LEN) != 0) {
                if (wrong < 5)
                    fprintf(stderr, "# id %d: stored material is not its winner's (%s)\n", i + 1,
                            ct_status_name(s));
                wrong++;
            }
        }
        mbedtls_psa_crypto_free();
    }
    {
        int keys = 0, others = 0;
        CHECK(count_entries(dir, &keys, &others));
        printf("race(%s): %d processes x %d ids: %d ids with one winner, %d with none, %d with "
               "several, %d wrong winners, %d other statuses, %d key files, %d other entries%s\n",
               label, procs, ids, winners, no_winner, multi, wrong, odd_status, keys, others,
               pidns ? (bad_pid ? ", NOT all PID 1" : ", every process PID 1") : "");
        CHECK(keys == ids);
        CHECK(others == 0);
    }
    CHECK(winners == ids);
    CHECK(no_winner == 0);
    CHECK(multi == 0);
    CHECK(wrong == 0);
    CHECK(odd_status == 0);
    if (pidns)
        CHECK(bad_pid == 0);
    for (p = 0; p < procs; p++)
        free(res[p]);
    free(winner);
    ct_remove_dir(dir);
    ct_remove_dir(resdir);
    free(dir);
    free(resdir);
    return report();
}

int main(int argc, char **argv)
{
    int pidns = 0, procs = 8, ids = 1000, i;
    if (argc == 7 && strcmp(argv[1], "worker") == 0)
        return worker(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), argv[6]);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--pidns") == 0)
            pidns = 1;
        else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            ids = atoi(argv[++i]);
        else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
            procs = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--pidns] [-n IDS] [-p PROCS]\n", argv[0]);
            return 2;
        }
    }
    if (procs < 2 || procs > MAX_PROCS || ids < 1 || ids > 0x100000) {
        fprintf(stderr, "bad -n/-p\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    return run_race(pidns, procs, ids);
}
