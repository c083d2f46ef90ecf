namespace Prosperity.Etl.Host;

/// <summary>The process exit codes of every verb.</summary>
public static class ExitCodes
{
    /// <summary>Every file accepted or already loaded; the command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>At least one file was rejected.</summary>
    public const int Rejected = 1;

    /// <summary>Usage or configuration error (bad option, unknown region, unreachable warehouse).</summary>
    public const int Usage = 2;

    /// <summary>An unexpected internal failure; the log has the details.</summary>
    public const int Internal = 3;

    /// <summary>Stopped by Ctrl+C or SIGTERM before the end (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
