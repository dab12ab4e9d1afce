#include "scenarios/sweep-runner.h"

#include "scenarios/config-file.h"
#include "scenarios/result-folder.h"
#include "scenarios/sweep-index.h"

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{

namespace
{

std::string
Partial(const std::string& folder)
{
    return folder + ".partial";
}

/// Replaces @p folder by the finished @p partial.
void
Publish(const std::string& partial, const std::string& folder)
{
    std::error_code error;
    std::filesystem::remove_all(folder, error);
    std::filesystem::rename(partial, folder, error);
}

/// @p text quoted for a POSIX shell.
std::string
ShellQuote(const std::string& text)
{
    std::string quoted = "'";
    for (char c : text)
    {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

} // namespace

SweepRunner::SweepRunner(std::string lvsSim, unsigned jobs, std::ostream& progress)
    : m_lvsSim(std::move(lvsSim)),
      m_jobs(std::max(1u, jobs)),
      m_progress(progress)
{
}

int
SweepRunner::Start(const std::vector<std::string>& args, const std::string& partial)
{
    std::error_code error;
    std::filesystem::remove_all(partial, error); // left by a run that was killed
    try
    {
        MakeFolder(partial);
    }
    catch (const ConfigError& e)
    {
        m_progress << "lvs-sweep: " << e.what() << "\n";
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0)
    {
        int log = open((partial + "/lvs-sim.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(log, 1);
        dup2(log, 2);
        std::vector<char*> argv;
        for (const auto& a : args)
        {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        execv(m_lvsSim.c_str(), argv.data());
        std::perror("lvs-sweep: cannot start lvs-sim");
        _exit(127);
    }
    return pid;
}

SweepOutcome
SweepRunner::Run(const SweepSpec& spec,
                 const std::vector<SweepPoint>& points,
                 const std::string& output)
{
    SweepOutcome outcome;
    std::vector<std::string> toRun; // folders of the runs not complete yet
    std::vector<const SweepPoint*> pointsToRun;
    for (const auto& point : points)
    {
        std::string folder = output + "/" + point.FolderName();
        if (ResultFolder(folder).IsComplete())
        {
            ++outcome.skipped;
            continue;
        }
        toRun.push_back(folder);
        pointsToRun.push_back(&point);
    }
    size_t total = toRun.size();
    auto started = std::chrono::steady_clock::now();
    std::map<pid_t, std::string> running;
    auto reap = [&]() {
        int status = 0;
        pid_t pid = wait(&status);
        if (pid <= 0)
        {
            return;
        }
        std::string folder = running[pid];
        running.erase(pid);
        Publish(Partial(folder), folder);
        bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!ok)
        {
            ++outcome.failed;
            m_progress << "lvs-sweep: " << folder << " failed (see its lvs-sim.log)\n";
        }
        ++outcome.run;
        double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        double eta = elapsed / outcome.run * (total - outcome.run);
        m_progress << "  " << outcome.run << "/" << total << " runs done";
        if (outcome.skipped > 0)
        {
            m_progress << " (" << outcome.skipped << " already complete)";
        }
        m_progress << ", " << int(elapsed) << " s so far, about " << int(eta + 0.5) << " s to go\n";
    };
    for (size_t i = 0; i < toRun.size(); ++i)
    {
        const std::string& folder = toRun[i];
        while (running.size() >= m_jobs)
        {
            reap();
        }
        int pid = Start(SweepArguments(spec, *pointsToRun[i], Partial(folder)), Partial(folder));
        if (pid < 0)
        {
            ++outcome.failed;
            continue;
        }
        running[pid] = folder;
    }
    while (!running.empty())
    {
        reap();
    }
    return outcome;
}

std::string
RunCommandLine(const std::string& lvsSim,
               const SweepSpec& spec,
               const SweepPoint& point,
               const std::string& output)
{
    std::string folder = output + "/" + point.FolderName();
    std::string partial = Partial(folder);
    std::vector<std::string> args = SweepArguments(spec, point, partial);
    std::string command = "rm -rf " + ShellQuote(partial) + " && mkdir -p " + ShellQuote(partial) +
                          " && " + ShellQuote(lvsSim);
    for (size_t i = 1; i < args.size(); ++i)
    {
        command += " " + ShellQuote(args[i]);
    }
    command += " > " + ShellQuote(partial + "/lvs-sim.log") + " 2>&1; status=$?; rm -rf " +
               ShellQuote(folder) + " && mv " + ShellQuote(partial) + " " + ShellQuote(folder) +
               "; exit $status";
    return command;
}

size_t
EmitJobs(const std::string& lvsSim,
         const SweepSpec& spec,
         const std::vector<SweepPoint>& points,
         const std::string& output,
         const std::string& dir)
{
    MakeFolder(dir);
    std::ofstream jobs(dir + "/jobs.txt");
    for (const auto& point : points)
    {
        jobs << RunCommandLine(lvsSim, spec, point, output) << "\n";
    }
    std::ofstream slurm(dir + "/slurm.sh");
    slurm << "#!/bin/bash\n"
          << "# One Slurm array task per run of the sweep: sbatch slurm.sh\n"
          << "#SBATCH --job-name=lvs-sweep\n"
          << "#SBATCH --array=1-" << points.size() << "\n"
          << "#SBATCH --ntasks=1\n"
          << "#SBATCH --cpus-per-task=1\n"
          << "line=$(sed -n \"${SLURM_ARRAY_TASK_ID}p\" " << ShellQuote(dir + "/jobs.txt") << ")\n"
          << "exec bash -c \"$line\"\n";
    return points.size();
}

} // namespace ns3
