using System.Runtime.InteropServices;

namespace Prosperity.Etl.Import;

/// <summary>
/// Whether a path is a regular file, asked without opening it: opening a named pipe blocks until
/// someone writes to it, and a device never ends. <c>stat(2)</c> on Linux and macOS; Windows
/// folders hold no pipes or devices.
/// </summary>
internal static class FileKind
{
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>True when <paramref name="path"/> (links followed) is a regular file; also true where the kind cannot be asked.</summary>
    public static bool IsRegular(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path);
        }

        // Where st_mode sits in struct stat: glibc x86-64, the generic 64-bit layout (arm64), macOS.
        int? offset = OperatingSystem.IsLinux()
            ? RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => 24,
                Architecture.Arm64 => 16,
                _ => null,
            }
            : OperatingSystem.IsMacOS() ? 4 : null;
        if (offset is not { } at)
        {
            return File.Exists(path);
        }

        var buffer = new byte[256];
        try
        {
            if (NativeMethods.Stat(path, buffer) != 0)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return File.Exists(path);
        }

        int mode = OperatingSystem.IsMacOS() ? BitConverter.ToUInt16(buffer, at) : BitConverter.ToInt32(buffer, at);
        return (mode & FileTypeMask) == RegularFile;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "stat", SetLastError = true, CharSet = CharSet.Unicode, BestFitMapping = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
    }
}
