using System.Diagnostics;

namespace Prosperity.Etl.Testing;

/// <summary>
/// Makes a file or folder impossible to write for the test's lifetime: without write permission
/// for an ordinary user, immutable (<c>chattr +i</c>) for root, who ignores permissions. Skips the
/// test with a reason where neither works (no chattr, a file system without attributes).
/// </summary>
public sealed class ReadOnlyPath : IDisposable
{
    private readonly string _path;
    private readonly bool _immutable;
    private readonly UnixFileMode _mode;

    private ReadOnlyPath(string path, bool immutable, UnixFileMode mode)
    {
        _path = path;
        _immutable = immutable;
        _mode = mode;
    }

    /// <summary>Makes <paramref name="path"/> read-only; skips the test when that cannot be done here.</summary>
    public static ReadOnlyPath Make(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Read-only paths are made with POSIX permissions or chattr.");
        }

        var mode = File.GetUnixFileMode(path);
        ReadOnlyPath made;
        if (Environment.IsPrivilegedProcess)
        {
            Skip.IfNot(Run("chattr", "+i", path), "Running as root, and chattr +i is not available here: a read-only path cannot be made.");
            made = new ReadOnlyPath(path, immutable: true, mode);
        }
        else
        {
            File.SetUnixFileMode(path, mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            made = new ReadOnlyPath(path, immutable: false, mode);
        }

        if (CanWrite(path))
        {
            made.Dispose();
            Skip.If(true, $"{path} can still be written after being made read-only on this file system.");
        }

        return made;
    }

    private static bool CanWrite(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                var probe = Path.Combine(path, ".write-probe");
                File.WriteAllText(probe, "x");
                File.Delete(probe);
            }
            else
            {
                using var _ = new FileStream(path, FileMode.Open, FileAccess.Write);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit(10_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Gives the path its write permission back.</summary>
    public void Dispose()
    {
        if (_immutable)
        {
            Run("chattr", "-i", _path);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path, _mode);
        }
    }
}
