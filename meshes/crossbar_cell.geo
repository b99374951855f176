// memflex template: one 3D crossbar cell with finite-width electrode lines (structured hexahedra).
//
// Regenerate the shipped mesh (Gmsh >= 4; PETSc 3.18 reads msh 2.2 and 4.1):
//   gmsh -3 -format msh22 crossbar_cell.geo -o crossbar_cell.msh
// Override any parameter from the command line, e.g. a 50 nm line and a 5 nm oxide:
//   gmsh -3 -format msh22 -setnumber w 50 -setnumber t_fun 5 crossbar_cell.geo -o cell_50nm.msh
//
// Geometry (lengths in nm here; the saved mesh is in metres through Mesh.ScalingFactor):
//   lateral domain [-W/2, W/2]^2 centred on the crossing; bottom electrode = line along y, |x| <= w/2;
//   top electrode = line along x, |y| <= w/2; electrode-layer volumes outside a line are "fill";
//   stack bottom -> top: substrate / bottom electrode / functional / top electrode (z up, substrate
//   bottom at z = 0), the same conventions as memflex's built-in mesher (docs/meshes.md).
// Physical groups (names are what memflex reads; tags are arbitrary):
//   volumes  substrate, bottom_electrode, functional, top_electrode, fill
//   surfaces top_contact (top face of the top line), bottom_contact (bottom line ends at y = +-W/2),
//            substrate_bottom, sides (rest of the lateral boundary), top_surface (rest of the top).
// Mesh: a 2D transfinite quad mesh of the footprint (uniform over the line width, geometric grading
// outwards), extruded layer by layer into hexahedra; the substrate layers grow geometrically downward.

DefineConstant[ W = 2000, w = 100, t_sub = 125000, t_be = 50, t_fun = 10, t_te = 50 ];
DefineConstant[ nc = 4, no = 5, ro = 1.6, n_sub = 16, h_sub_top = 25, n_be = 3, n_fun = 4, n_te = 3 ];
Mesh.ScalingFactor = 1e-9;   // nm -> m
Geometry.Tolerance = 1e-6;   // in nm units: far below the 2.5 nm cells

X[] = {-W/2, -w/2, w/2, W/2};
For j In {0:3}
  For i In {0:3}
    Point(1 + i + 4*j) = {X[i], X[j], 0};
  EndFor
EndFor
// Lines start at the inner point so that a progression > 1 coarsens outwards.
For j In {0:3}
  Line(100 + 0 + 3*j) = {1 + 1 + 4*j, 1 + 0 + 4*j};
  Line(100 + 1 + 3*j) = {1 + 1 + 4*j, 1 + 2 + 4*j};
  Line(100 + 2 + 3*j) = {1 + 2 + 4*j, 1 + 3 + 4*j};
EndFor
For i In {0:3}
  Line(200 + i + 4*0) = {1 + i + 4*1, 1 + i + 4*0};
  Line(200 + i + 4*1) = {1 + i + 4*1, 1 + i + 4*2};
  Line(200 + i + 4*2) = {1 + i + 4*2, 1 + i + 4*3};
EndFor
For j In {0:2}
  For i In {0:2}
    sH = (i == 0) ? -1 : 1;
    sV = (j == 0) ? -1 : 1;
    Curve Loop(300 + i + 3*j) = {sH*(100 + i + 3*j), sV*(200 + i + 1 + 4*j), -sH*(100 + i + 3*(j+1)), -sV*(200 + i + 4*j)};
    Plane Surface(400 + i + 3*j) = {300 + i + 3*j};
  EndFor
EndFor
For j In {0:3}
  Transfinite Curve{100 + 1 + 3*j} = nc + 1;
  Transfinite Curve{100 + 0 + 3*j, 100 + 2 + 3*j} = no + 1 Using Progression ro;
EndFor
For i In {0:3}
  Transfinite Curve{200 + i + 4*1} = nc + 1;
  Transfinite Curve{200 + i + 4*0, 200 + i + 4*2} = no + 1 Using Progression ro;
EndFor
Transfinite Surface{400:408};
Recombine Surface{400:408};

// Substrate layers: geometric growth q from h_sub_top at the top (bisection for q).
qa = 1.0; qb = 3.0;
For it In {1:60}
  qm = 0.5*(qa + qb);
  s = h_sub_top*(qm^n_sub - 1)/(qm - 1);
  If (s < t_sub)
    qa = qm;
  Else
    qb = qm;
  EndIf
EndFor
q = 0.5*(qa + qb);
hs[] = {};
cum = 0;
For k In {0:n_sub-1}
  cum += h_sub_top*q^(n_sub - 1 - k);  // bottom cell first (largest)
  hs[] += cum/t_sub;
EndFor
hs[n_sub-1] = 1;
ones[] = {};
For k In {0:n_sub-1}
  ones[] += 1;
EndFor

base[] = {400:408};
thick[] = {t_sub, t_be, t_fun, t_te};
ncell[] = {0, n_be, n_fun, n_te};
top[] = base[];
For k In {0:3}
  If (k == 0)
    out[] = Extrude {0, 0, thick[k]} { Surface{top[]}; Layers{ones[], hs[]}; Recombine; };
  Else
    out[] = Extrude {0, 0, thick[k]} { Surface{top[]}; Layers{ncell[k]}; Recombine; };
  EndIf
  For s In {0:8}
    top[s] = out[6*s];
    vol~{k}[s] = out[6*s + 1];
  EndFor
EndFor

// Patch s = i + 3 j: i = 1 is |x| <= w/2 (bottom line), j = 1 is |y| <= w/2 (top line).
Physical Volume("substrate", 1) = {vol_0[]};
Physical Volume("bottom_electrode", 3) = {vol_1[1], vol_1[4], vol_1[7]};
Physical Volume("functional", 4) = {vol_2[]};
Physical Volume("top_electrode", 5) = {vol_3[3], vol_3[4], vol_3[5]};
Physical Volume("fill", 7) = {vol_1[0], vol_1[2], vol_1[3], vol_1[5], vol_1[6], vol_1[8],
                              vol_3[0], vol_3[1], vol_3[2], vol_3[6], vol_3[7], vol_3[8]};

z_top = t_sub + t_be + t_fun + t_te;
e = 1e-3;
Physical Surface("substrate_bottom", 1) = {base[]};
Physical Surface("top_contact", 2) = {top[3], top[4], top[5]};
Physical Surface("top_surface", 3) = {top[0], top[1], top[2], top[6], top[7], top[8]};
bc[] = Surface In BoundingBox{-w/2 - e, -W/2 - e, t_sub - e, w/2 + e, -W/2 + e, t_sub + t_be + e};
bc[] += Surface In BoundingBox{-w/2 - e, W/2 - e, t_sub - e, w/2 + e, W/2 + e, t_sub + t_be + e};
Physical Surface("bottom_contact", 4) = {bc[]};
sd[] = Surface In BoundingBox{-W/2 - e, -W/2 - e, -e, -W/2 + e, W/2 + e, z_top + e};
sd[] += Surface In BoundingBox{W/2 - e, -W/2 - e, -e, W/2 + e, W/2 + e, z_top + e};
sd[] += Surface In BoundingBox{-W/2 - e, -W/2 - e, -e, W/2 + e, -W/2 + e, z_top + e};
sd[] += Surface In BoundingBox{-W/2 - e, W/2 - e, -e, W/2 + e, W/2 + e, z_top + e};
sd[] -= bc[];
Physical Surface("sides", 5) = {sd[]};
