using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MspasTramite.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_ProcedureVersionId_Status_SlaDueOn",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueByProcedure",
                table: "Applications",
                columns: new[] { "ProcedureVersionId", "Status", "SlaDueOn", "ReceivedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueByState",
                table: "Applications",
                columns: new[] { "Status", "SlaDueOn", "ReceivedAt", "Id", "SlaWarnOn", "ClockStoppedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_QueueUnassigned",
                table: "Applications",
                columns: new[] { "Status", "SlaDueOn", "ReceivedAt", "Id" },
                filter: "\"AssignedToId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueByProcedure",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueByState",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_QueueUnassigned",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ProcedureVersionId_Status_SlaDueOn",
                table: "Applications",
                columns: new[] { "ProcedureVersionId", "Status", "SlaDueOn" });
        }
    }
}
