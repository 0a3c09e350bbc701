using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MspasTramite.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublishingVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangeReason",
                table: "ProcedureVersions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConcurrencyStamp",
                table: "ProcedureVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "CreatedById",
                table: "ProcedureVersions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Faq",
                table: "ProcedureVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PlainSummaries",
                table: "ProcedureVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedById",
                table: "ProcedureVersions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Simplifications",
                table: "ProcedureVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MovedFromVersionId",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            // Versions written before these lists existed read as empty lists, not as null.
            migrationBuilder.Sql("UPDATE \"ProcedureVersions\" SET \"Simplifications\" = '[]', \"PlainSummaries\" = '[]';");

            migrationBuilder.CreateTable(
                name: "ProcedureAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureAuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProcedureAuditEntries_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureVersions_OneDraft",
                table: "ProcedureVersions",
                column: "ProcedureId",
                unique: true,
                filter: "\"Status\" = 'Draft'");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_MovedFromVersionId",
                table: "Applications",
                column: "MovedFromVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureAuditEntries_ProcedureId_At",
                table: "ProcedureAuditEntries",
                columns: new[] { "ProcedureId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_ProcedureVersions_MovedFromVersionId",
                table: "Applications",
                column: "MovedFromVersionId",
                principalTable: "ProcedureVersions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Applications_ProcedureVersions_MovedFromVersionId",
                table: "Applications");

            migrationBuilder.DropTable(
                name: "ProcedureAuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_ProcedureVersions_OneDraft",
                table: "ProcedureVersions");

            migrationBuilder.DropIndex(
                name: "IX_Applications_MovedFromVersionId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ChangeReason",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "CreatedById",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "Faq",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "PlainSummaries",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "PublishedById",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "Simplifications",
                table: "ProcedureVersions");

            migrationBuilder.DropColumn(
                name: "MovedFromVersionId",
                table: "Applications");
        }
    }
}
